//! `cargo xtask serve`'s static server: `dist/` on 127.0.0.1, with the headers the hosting
//! recipes (`hosting/`) send — `application/wasm`, `Access-Control-Allow-Origin: *` (the
//! sandboxed frames have an opaque origin), `nosniff` and the strict Content-Security-Policy
//! on pages — so the demo, the set-up page's preview and its "Check my hosting" behave as on
//! a clinic's server. One difference, for developers: `Cache-Control: no-cache` instead of
//! the recipes' year-long cache, so a rebuilt bundle is never served stale (the hosting
//! check says so, as "could be better").
//!
//! Only GET and HEAD of files under the folder; no directory listings; nothing is logged.

use crate::Result;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

/// The pages' policy (the same as their `<meta>` tag and the recipes').
const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
connect-src 'self'; img-src 'self' data:; frame-src 'self'; base-uri 'none'; form-action 'none'";

pub fn serve(dir: &Path, address: &str) -> Result {
    let listener = TcpListener::bind(address).map_err(|e| format!("{address}: {e}"))?;
    eprintln!("xtask: serving {} on http://{address}/ — the demo clinic page; the set-up page is http://{address}/setup.html (Ctrl-C stops)", dir.display());
    for stream in listener.incoming().flatten() {
        let dir = dir.to_path_buf();
        std::thread::spawn(move || {
            let _ = respond(stream, &dir);
        });
    }
    Ok(())
}

fn respond(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Read (and ignore) the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut words = request.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    let file = match (method, resolve(dir, target)) {
        ("GET" | "HEAD", Some(file)) if file.is_file() => file,
        ("GET" | "HEAD", _) => {
            return send(
                &mut stream,
                "404 Not Found",
                "text/plain; charset=utf-8",
                b"not found\n",
                false,
                method == "HEAD",
            )
        }
        _ => {
            return send(
                &mut stream,
                "405 Method Not Allowed",
                "text/plain; charset=utf-8",
                b"GET only\n",
                false,
                false,
            )
        }
    };
    let body = std::fs::read(&file)?;
    let kind = content_type(&file);
    send(
        &mut stream,
        "200 OK",
        kind,
        &body,
        kind.starts_with("text/html"),
        method == "HEAD",
    )
}

/// The file a request path names under `dir`, or `None` if it would leave `dir`.
fn resolve(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = if path.ends_with('/') {
        [path, "index.html"].concat()
    } else {
        path.to_owned()
    };
    let mut file = dir.to_path_buf();
    for component in Path::new(path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(file)
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

fn send(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    page: bool,
    head: bool,
) -> std::io::Result<()> {
    let mut header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Access-Control-Allow-Origin: *\r\nX-Content-Type-Options: nosniff\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n",
        body.len()
    );
    if page {
        header.push_str("Content-Security-Policy: ");
        header.push_str(CSP);
        header.push_str("\r\n");
    }
    header.push_str("\r\n");
    stream.write_all(header.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_folder() {
        let dir = Path::new("/srv/dist");
        assert_eq!(resolve(dir, "/"), Some(dir.join("index.html")));
        assert_eq!(
            resolve(dir, "/embed/frame.html?x=1"),
            Some(dir.join("embed/frame.html"))
        );
        assert_eq!(resolve(dir, "/../etc/passwd"), None);
        assert_eq!(resolve(dir, "/embed/../../x"), None);
    }

    #[test]
    fn wasm_and_pages_get_their_types() {
        assert_eq!(content_type(Path::new("a_bg.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("setup.html")),
            "text/html; charset=utf-8"
        );
    }
}
