//! The drink-size picture shown with the AUDIT-C questions: what one standard drink is
//! (docs/methodology.md, AUDIT), as the instrument's scoring assumes. An inline SVG as a `data:` URL, so it needs no
//! request and works under `img-src 'self' data:`. Its words are in the question's hint
//! (the engine's standard-drink text), so the image itself is decorative (`alt=""`).

use carestep_engine::ItemId;
use yew::prelude::*;

/// A 12 oz beer (5%), a 5 oz glass of wine (12%) and a 1.5 oz shot of spirits (40%).
const PICTURE: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 330 150' font-family='sans-serif' font-size='13' text-anchor='middle' fill='%231b1b1b'%3E %3Cpath d='M30 22h50l-6 86H36z' fill='%23f2c14e' stroke='%231b1b1b' stroke-width='2'/%3E %3Cpath d='M30 22h50l-1 14H31z' fill='%23fff'/%3E %3Cpath d='M30 22h50l-6 86H36z' fill='none' stroke='%231b1b1b' stroke-width='2'/%3E %3Cpath d='M140 22h50c0 26-10 40-25 40s-25-14-25-40z' fill='%23fff' stroke='%231b1b1b' stroke-width='2'/%3E %3Cpath d='M142 38h46c-3 15-11 22-23 22s-20-7-23-22z' fill='%238e1b3a'/%3E %3Cpath d='M165 62v40m-16 6h32' stroke='%231b1b1b' stroke-width='3' fill='none'/%3E %3Cpath d='M250 66h34l-4 42h-26z' fill='%23fff' stroke='%231b1b1b' stroke-width='2'/%3E %3Cpath d='M252 78h30l-3 28h-24z' fill='%23c98b2b'/%3E %3Ctext x='55' y='128'%3E12 oz beer%3C/text%3E%3Ctext x='55' y='145'%3Eabout 5%25%3C/text%3E %3Ctext x='165' y='128'%3E5 oz wine%3C/text%3E%3Ctext x='165' y='145'%3Eabout 12%25%3C/text%3E %3Ctext x='267' y='128'%3E1.5 oz spirits%3C/text%3E%3Ctext x='267' y='145'%3E40%25 (80 proof)%3C/text%3E %3C/svg%3E";

/// Whether the question asks about numbers of drinks.
pub fn shows_for(id: ItemId) -> bool {
    matches!(id, ItemId::Audit1 | ItemId::Audit2 | ItemId::Audit3)
}

pub fn standard_drink_picture() -> Html {
    html! {
        <p class="cs-drinks">
            <img src={PICTURE} alt="" width="330" height="150" />
        </p>
    }
}
