//! The QR code of a handoff code as a standalone SVG file, drawn from the visitor's own panel
//! code (`carestep_widget::components::handoff::qr`: the same encoder, symbol and path as
//! "Show a code for your clinician"). The end-to-end tests (e2e/specs/clinician.spec.js)
//! photograph it to read it back through the clinician page's picture and camera paths.
//!
//! `cargo run -p carestep-clinician --example qr_svg -- CODE [PIXELS_PER_MODULE]` prints the
//! SVG on standard output and the symbol's version on standard error.

use carestep_widget::components::handoff::qr;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(code) = args.next() else {
        eprintln!("usage: qr_svg CODE [PIXELS_PER_MODULE]");
        std::process::exit(2);
    };
    let scale: i32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(8);
    let Some(qr) = qr(&code) else {
        eprintln!("qr_svg: {code:?} does not fit in a QR code");
        std::process::exit(1);
    };
    eprintln!(
        "version {} ({} modules with the quiet zone)",
        qr.version, qr.side
    );
    let (side, px) = (qr.side, qr.side * scale);
    println!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"{}\" fill=\"#000\"/></svg>",
        qr.path
    );
}
