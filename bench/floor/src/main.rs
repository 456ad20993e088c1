//! The smallest useful Yew app, to measure what Yew alone costs in a bundle.
use yew::prelude::*;

// The same allocator as the widget (src/lib.rs).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[component]
fn App() -> Html {
    let count = use_state(|| 0u32);
    let onclick = {
        let count = count.clone();
        Callback::from(move |_| count.set(*count + 1))
    };
    html! {
        <main>
            <h1>{ "Hello" }</h1>
            <button {onclick}>{ *count }</button>
            <label for="x">{ "x" }</label>
            <input id="x" type="radio" />
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
