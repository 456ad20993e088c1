//! QR codes read in Rust (`rqrr`) from pixels drawn on a canvas: an image file the user picks
//! (decoded by the browser with `createImageBitmap`, so no URL is made for it and nothing is
//! fetched) or the frames of the device camera (`getUserMedia`, asked only when the user
//! presses "Use the camera"; the stream's tracks are stopped as soon as a code is read or
//! the user stops). Nothing is recorded or kept: each frame is drawn over the last one.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CanvasRenderingContext2d, File, HtmlCanvasElement, HtmlVideoElement, ImageBitmap, MediaStream,
    MediaStreamConstraints, MediaStreamTrack,
};

/// The longest side an image is drawn at for reading: a phone photo is scaled down to it,
/// which keeps reading fast, and a QR code that fills a good part of the picture stays
/// many pixels a module.
const MAX_SIDE: u32 = 1600;

/// The text of the first QR code found in these RGBA pixels (a canvas's `ImageData`).
pub fn read_rgba(width: usize, height: usize, rgba: &[u8]) -> Option<String> {
    if width == 0 || height == 0 || rgba.len() < width * height * 4 {
        return None;
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        let i = 4 * (y * width + x);
        // Luma (BT.601), in integers.
        ((u32::from(rgba[i]) * 77 + u32::from(rgba[i + 1]) * 150 + u32::from(rgba[i + 2]) * 29)
            >> 8) as u8
    });
    image
        .detect_grids()
        .into_iter()
        .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}

/// A 2D context on `canvas`, resized to `width` × `height`.
fn context(
    canvas: &HtmlCanvasElement,
    width: u32,
    height: u32,
) -> Option<CanvasRenderingContext2d> {
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    canvas
        .get_context("2d")
        .ok()
        .flatten()?
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()
}

/// The canvas's pixels, read for a QR code.
fn read_canvas(context: &CanvasRenderingContext2d, width: u32, height: u32) -> Option<String> {
    let data = context
        .get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
        .ok()?
        .data();
    read_rgba(width as usize, height as usize, &data)
}

/// A detached canvas, for drawing what is read.
fn new_canvas() -> Option<HtmlCanvasElement> {
    web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into::<HtmlCanvasElement>()
        .ok()
}

/// The longest side a camera frame is read at: a QR code held up to the camera fills a
/// good part of the frame, and a smaller frame keeps each read well under the 200 ms
/// between reads on a slow phone.
const MAX_FRAME_SIDE: u32 = 800;

/// Why an image gave no code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageError {
    /// The browser could not read the file as an image.
    NotAnImage,
    /// An image, but no QR code could be read in it.
    NoCode,
}

/// The text of the QR code in an image file (a photo or a screenshot).
pub async fn read_file(file: File) -> Result<String, ImageError> {
    let window = web_sys::window().ok_or(ImageError::NotAnImage)?;
    let promise = window
        .create_image_bitmap_with_blob(&file)
        .map_err(|_| ImageError::NotAnImage)?;
    let bitmap: ImageBitmap = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|b| b.dyn_into().ok())
        .ok_or(ImageError::NotAnImage)?;
    let (w, h) = (bitmap.width().max(1), bitmap.height().max(1));
    let scale = (f64::from(MAX_SIDE) / f64::from(w.max(h))).min(1.0);
    let (width, height) = (
        ((f64::from(w) * scale) as u32).max(1),
        ((f64::from(h) * scale) as u32).max(1),
    );
    let canvas = new_canvas().ok_or(ImageError::NotAnImage)?;
    let context = context(&canvas, width, height).ok_or(ImageError::NotAnImage)?;
    // A transparent screenshot reads as white, as it looks.
    context.set_fill_style_str("#fff");
    context.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(
            &bitmap,
            0.0,
            0.0,
            f64::from(width),
            f64::from(height),
        )
        .map_err(|_| ImageError::NotAnImage)?;
    bitmap.close();
    read_canvas(&context, width, height).ok_or(ImageError::NoCode)
}

/// Why the camera could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CameraError {
    /// The browser offers no camera API here (an old browser, or not https).
    Unsupported,
    /// The user or the browser refused access.
    Refused,
    /// No camera on this device.
    NoCamera,
    /// Anything else (the camera is busy, …).
    Failed,
}

/// The camera: its stream, playing in a detached `<video>`.
pub struct Camera {
    stream: MediaStream,
    video: HtmlVideoElement,
}

impl Camera {
    /// Asks for the camera (the back camera where there is one) and starts it.
    pub async fn start() -> Result<Camera, CameraError> {
        let window = web_sys::window().ok_or(CameraError::Unsupported)?;
        let devices = window
            .navigator()
            .media_devices()
            .map_err(|_| CameraError::Unsupported)?;
        let constraints = MediaStreamConstraints::new();
        let video = js_sys::Object::new();
        let _ = js_sys::Reflect::set(
            &video,
            &JsValue::from_str("facingMode"),
            &JsValue::from_str("environment"),
        );
        constraints.set_video(&video);
        constraints.set_audio(&JsValue::FALSE);
        let promise = devices
            .get_user_media_with_constraints(&constraints)
            .map_err(|_| CameraError::Unsupported)?;
        let stream: MediaStream = match JsFuture::from(promise).await {
            Ok(stream) => stream.dyn_into().map_err(|_| CameraError::Failed)?,
            Err(error) => {
                let name = js_sys::Reflect::get(&error, &JsValue::from_str("name"))
                    .ok()
                    .and_then(|n| n.as_string())
                    .unwrap_or_default();
                return Err(match name.as_str() {
                    "NotAllowedError" | "SecurityError" => CameraError::Refused,
                    "NotFoundError" | "OverconstrainedError" => CameraError::NoCamera,
                    _ => CameraError::Failed,
                });
            }
        };
        let camera = Camera {
            video: window
                .document()
                .and_then(|d| d.create_element("video").ok())
                .and_then(|v| v.dyn_into::<HtmlVideoElement>().ok())
                .ok_or(CameraError::Failed)?,
            stream,
        };
        camera.video.set_muted(true);
        let _ = camera.video.set_attribute("playsinline", "");
        camera.video.set_src_object(Some(&camera.stream));
        let playing = match camera.video.play() {
            Ok(promise) => JsFuture::from(promise).await.is_ok(),
            Err(_) => false,
        };
        if playing {
            Ok(camera)
        } else {
            camera.stop();
            Err(CameraError::Failed)
        }
    }

    /// Draws the current frame on `canvas` (the page shows it), at most
    /// [`MAX_FRAME_SIDE`] pixels on its longer side, and reads it for a QR code.
    pub fn read_frame(&self, canvas: &HtmlCanvasElement) -> Option<String> {
        let (w, h) = (self.video.video_width(), self.video.video_height());
        if w == 0 || h == 0 {
            return None;
        }
        let scale = (f64::from(MAX_FRAME_SIDE) / f64::from(w.max(h))).min(1.0);
        let (width, height) = (
            ((f64::from(w) * scale) as u32).max(1),
            ((f64::from(h) * scale) as u32).max(1),
        );
        let context = context(canvas, width, height)?;
        context
            .draw_image_with_html_video_element_and_dw_and_dh(
                &self.video,
                0.0,
                0.0,
                f64::from(width),
                f64::from(height),
            )
            .ok()?;
        read_canvas(&context, width, height)
    }

    /// Stops every track of the stream: the camera turns off.
    pub fn stop(&self) {
        for track in self.stream.get_tracks().iter() {
            if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
                track.stop();
            }
        }
        self.video.set_src_object(None);
    }
}

#[cfg(test)]
mod tests {
    use super::read_rgba;
    use carestep_engine::examples::example;
    use carestep_engine::handoff::{encode, Date};
    use carestep_engine::{Level, ModuleSet};
    use carestep_widget::components::handoff::qr;

    /// The visitor's QR code (the panel's own path) drawn as RGBA pixels, `scale` pixels a
    /// module, as a canvas would hold it.
    fn draw(text: &str, scale: usize) -> (usize, Vec<u8>, u8) {
        let qr = qr(text).expect("a handoff code fits in a QR code");
        let side = qr.side as usize * scale;
        let mut rgba = vec![255u8; side * side * 4];
        // The path is runs of "M x,y h n v1 h-n z".
        for run in qr.path.split('M').filter(|r| !r.is_empty()) {
            let (xy, rest) = run.split_once('h').unwrap();
            let (x, y) = xy.split_once(',').unwrap();
            let n: usize = rest.split_once('v').unwrap().0.parse().unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            for px in x * scale..(x + n) * scale {
                for py in y * scale..(y + 1) * scale {
                    let i = 4 * (py * side + px);
                    rgba[i..i + 3].fill(0);
                }
            }
        }
        (side, rgba, qr.version)
    }

    #[test]
    fn the_visitors_qr_code_reads_back_as_the_same_code_for_every_example_level() {
        let date = Date::new(2026, 12, 5).unwrap();
        let mut read = 0;
        for modules in [ModuleSet::default_deployment(), ModuleSet::all()] {
            for level in Level::CARE_LEVELS {
                let Some(answers) = example(level, &modules) else {
                    continue;
                };
                let code = encode(&answers, &modules, date).unwrap();
                for scale in [2, 5] {
                    let (side, rgba, version) = draw(&code, scale);
                    assert!(version <= 5, "{code}: version {version}");
                    assert_eq!(read_rgba(side, side, &rgba).as_deref(), Some(code.as_str()));
                    read += 1;
                }
            }
        }
        assert!(read >= 20, "{read}");
    }

    #[test]
    fn pixels_without_a_qr_code_read_as_nothing() {
        assert_eq!(read_rgba(64, 64, &vec![255; 64 * 64 * 4]), None);
        assert_eq!(read_rgba(0, 0, &[]), None);
        assert_eq!(read_rgba(10, 10, &[0; 12]), None);
    }
}
