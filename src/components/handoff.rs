//! "Show a code for your clinician": the visitor's answers as a handoff code
//! (`carestep_engine::handoff`), in text and as a QR code of the same text, folded in a
//! native `<details>` until the visitor asks for it. The QR code holds the code's text and
//! nothing else (no URL), so a phone's camera app opens nothing; the clinician page
//! (`clinician.html`) reads it. Nothing is sent or stored: the code is made here, from the
//! answers in memory.
//!
//! The QR code is SVG: one white `<rect>` and one `<path>` of the dark modules, with
//! presentation attributes only (no `style=`, which the Content-Security-Policy forbids).
//! The encoder is `qrcodegen` (Project Nayuki's reference implementation, no
//! dependencies); the code's characters (0–9, A–Z, `-`) are all in the QR alphanumeric set,
//! so it picks alphanumeric mode: a typical code of 46 characters is a version 3 symbol.

use crate::messages::{
    HANDOFF_CODE_LABEL, HANDOFF_FAILED, HANDOFF_INTRO, HANDOFF_QR_LABEL, HANDOFF_SHOW,
};
use carestep_engine::handoff::{self, Date};
use carestep_engine::{Answers, ModuleSet};
use qrcodegen::{QrCode, QrCodeEcc, QrSegment, QrSegmentMode, Version};
use yew::prelude::*;

/// White modules around the symbol, as the QR standard asks (4 modules).
const QUIET_ZONE: i32 = 4;

/// The panel for `answers`, given in the deployment `modules`, dated `today` (year, month,
/// day: `browser::today`).
pub fn handoff_panel(answers: &Answers, modules: &ModuleSet, today: (u32, u32, u32)) -> Html {
    let (year, month, day) = today;
    let code = Date::new(year as i32, month, day)
        .map_err(|_| ())
        .and_then(|date| handoff::encode(answers, modules, date).map_err(|_| ()));
    let body = match code {
        Ok(code) => {
            let qr = qr(&code);
            html! {
                <>
                    <p>{ HANDOFF_INTRO }</p>
                    <p class="cs-handoff-code">
                        { HANDOFF_CODE_LABEL }{ " " }
                        <strong data-testid="handoff-code">{ code }</strong>
                    </p>
                    if let Some(qr) = qr {
                        { qr_svg(&qr) }
                    }
                </>
            }
        }
        Err(_) => html! { <p>{ HANDOFF_FAILED }</p> },
    };
    html! {
        <details class="cs-fold cs-handoff" data-testid="handoff">
            <summary>{ HANDOFF_SHOW }</summary>
            { body }
        </details>
    }
}

/// A QR code ready to draw: its side in modules with the quiet zone, its version, and the
/// SVG path of its dark modules (one `M x,y h n v1 h-n z` per horizontal run).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    pub side: i32,
    pub version: u8,
    pub path: String,
}

/// The QR code of `text` at error correction level M (15% of the symbol may be damaged; a
/// higher level when it fits in the same symbol), or `None` if `text` has a character
/// outside the QR alphanumeric set or does not fit (a handoff code always does: 93
/// characters at most, version 5).
pub fn qr(text: &str) -> Option<Qr> {
    let segment = [alphanumeric(text)?];
    let code = QrCode::encode_segments_advanced(
        &segment,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::new(10),
        None,
        true,
    )
    .ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            path.push('M');
            push_number(&mut path, start + QUIET_ZONE);
            path.push(',');
            push_number(&mut path, y + QUIET_ZONE);
            path.push('h');
            push_number(&mut path, x - start);
            path.push_str("v1h-");
            push_number(&mut path, x - start);
            path.push('z');
        }
    }
    Some(Qr {
        side: size + 2 * QUIET_ZONE,
        version: code.version().value(),
        path,
    })
}

/// The QR alphanumeric character set, in code order.
const ALPHANUMERIC: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// `text` as one alphanumeric segment: pairs of characters in 11 bits (45 × a + b), a last
/// single one in 6. (`QrSegment::make_alphanumeric` and `encode_text` do the same with
/// more code: a character search and a mode analysis the widget does not need.)
fn alphanumeric(text: &str) -> Option<QrSegment> {
    let bytes = text.as_bytes();
    let mut bits = Vec::with_capacity(bytes.len() * 6);
    for pair in bytes.chunks(2) {
        let mut value = 0u32;
        for &b in pair {
            value = value * 45 + ALPHANUMERIC.iter().position(|&c| c == b)? as u32;
        }
        let width = if pair.len() == 2 { 11 } else { 6 };
        for bit in (0..width).rev() {
            bits.push((value >> bit) & 1 != 0);
        }
    }
    Some(QrSegment::new(
        QrSegmentMode::Alphanumeric,
        bytes.len(),
        bits,
    ))
}

/// Appends the decimal digits of `n` (≥ 0) without the formatting machinery.
fn push_number(out: &mut String, n: i32) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// The QR code as an SVG image with its text alternative.
fn qr_svg(qr: &Qr) -> Html {
    let mut view_box = String::from("0 0 ");
    push_number(&mut view_box, qr.side);
    view_box.push(' ');
    push_number(&mut view_box, qr.side);
    let mut version = String::new();
    push_number(&mut version, i32::from(qr.version));
    // 5 CSS pixels a module (185 px for a typical code): sharp, and easy for a phone's
    // camera; a stylesheet may size it otherwise.
    let mut px = String::new();
    push_number(&mut px, qr.side * 5);
    html! {
        <svg class="cs-qr" data-testid="handoff-qr" data-version={version}
            viewBox={view_box} width={px.clone()} height={px} role="img" aria-label={HANDOFF_QR_LABEL}
            shape-rendering="crispEdges">
            <rect width="100%" height="100%" fill="#fff"/>
            <path d={qr.path.clone()} fill="#000"/>
        </svg>
    }
}
