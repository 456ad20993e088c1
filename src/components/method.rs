//! "How this self-check works": the engine's methodology page for this deployment's
//! modules — [`prebuilt::page`], the generator's text kept as static data, which a test
//! holds equal to [`carestep_engine::methodology`] (what `carestep methodology` writes as
//! docs/methodology.md) for every module set, so the visitor's bundle carries the text but
//! not the generator — on screen and, when the visitor asks
//! for it, as an appendix of the printout. Every word of it comes from the engine (the
//! backticks around codes taken out) or from the message catalogue; it states no threshold
//! of its own. Under each licensed instrument the clinic switched on, the clinic's
//! permission statement from its configuration.
//!
//! The page is app state, never a URL: a "Why?" opens it at its rule's entry by moving
//! focus there (no `href="#rule-…"`, no hash, no history entry), because which rule fired
//! is about the visitor's answers.

use crate::components::parts::{actions, link_button, on_click, p, title};
use crate::messages as m;
use crate::state::{Action, Opener};
use carestep_config::ModulePermission;
use carestep_engine::methodology::{instrument_anchor, prebuilt, Block, Methodology};
use carestep_engine::questionnaire::questionnaire;
use carestep_engine::{ModuleSet, RuleId};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The id of the link to the page (one per screen); focus returns to it.
pub const METHOD_LINK_ID: &str = "cs-method-link";

/// The link-styled button that opens the page, for the start, question, check and result
/// screens.
pub fn method_link(dispatch: &Callback<Action>) -> Html {
    let onclick = on_click(dispatch, Action::OpenMethod(Opener::Link));
    html! {
        <p class="cs-no-print">
            <button type="button" class="cs-link-button" id={METHOD_LINK_ID} {onclick}>{ m::METHOD_TITLE }</button>
        </p>
    }
}

/// The page, with "Back to your self-check" above and below it.
pub fn method_screen(
    modules: &ModuleSet,
    permissions: &[ModulePermission],
    dispatch: &Callback<Action>,
) -> Html {
    let back = on_click(dispatch, Action::CloseMethod);
    html! {
        <div class="cs-screen cs-method" key="method" data-testid="method">
            <div class="cs-back">{ link_button(m::METHOD_BACK, back.clone()) }</div>
            { title(m::METHOD_TITLE) }
            { p(m::METHOD_INTRO) }
            { body(&prebuilt::page(modules), permissions, true) }
            { actions(link_button(m::METHOD_BACK, back)) }
        </div>
    }
}

/// The page as the printout's appendix: shown only in print, one heading level down, and
/// without the entries' ids (the page itself is not in the DOM at the same time, but the
/// printout needs no targets).
pub fn method_appendix(modules: &ModuleSet, permissions: &[ModulePermission]) -> Html {
    html! {
        <div class="cs-print-only cs-method" data-testid="method-appendix">
            <h2>{ m::METHOD_TITLE }</h2>
            { body(&prebuilt::page(modules), permissions, false) }
        </div>
    }
}

/// Moves focus to the entry with this anchor and scrolls it into view (a Why?).
pub fn focus_entry(host: &Element, anchor: &str) -> bool {
    let Ok(Some(entry)) = host.query_selector(&["[id=\"", anchor, "\"]"].concat()) else {
        return false;
    };
    entry.scroll_into_view();
    entry
        .dyn_into::<HtmlElement>()
        .is_ok_and(|entry| entry.focus().is_ok())
}

/// The engine's text for the screen: its Markdown marks taken out — the backticks around
/// codes, the `**` around bold words, and a `[text](target)` link, which keeps its text (its
/// target is a file or an anchor of the repository's docs, not a page of this site).
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("**") {
            rest = after;
            continue;
        }
        if c == '[' {
            if let Some((label, after)) = link(&rest[1..]) {
                out.push_str(&plain(label));
                rest = after;
                continue;
            }
        }
        if c != '`' {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Under a rule's heading, what the rule means in the visitor's words: the sentence the
/// result gives for it (the catalogue's, the same as a reason on the result), so a Why?
/// lands on a plain sentence before the rule's technical fields. Nothing for other entries.
fn in_plain_words(anchor: &str) -> Html {
    // `rule_anchor` read backwards ("rule-o1" → O1), rather than writing every rule's
    // anchor for each entry of the page.
    let rule = anchor
        .strip_prefix("rule-")
        .and_then(|id| RuleId::parse(&id.to_ascii_uppercase()));
    let Some(rule) = rule else {
        return Html::default();
    };
    html! {
        <p class="cs-method-plain">
            <strong>{ m::METHOD_RULE_SAYS }</strong>{ " " }{ m::rule_sentence(rule) }
        </p>
    }
}

/// After a `[`: the link's text and what follows its `(target)`, when `rest` is
/// `text](target)…`.
fn link(rest: &str) -> Option<(&str, &str)> {
    let (label, after) = rest.split_once("](")?;
    let (_, after) = after.split_once(')')?;
    Some((label, after))
}

/// Sections and their entries: `<h2>`/`<h3>` on screen (each entry's heading with its
/// anchor as id and `tabindex="-1"`, so a Why? can focus it), `<h3>`/`<h4>` in print.
fn body(page: &Methodology, permissions: &[ModulePermission], on_screen: bool) -> Html {
    let (section_tag, entry_tag) = if on_screen {
        ("h2", "h3")
    } else {
        ("h3", "h4")
    };
    html! {
        <div class="cs-method-body" data-testid="method-body">
            { for page.sections.iter().map(|section| html! {
                <section>
                    <@{section_tag}>{ section.title.clone() }</@>
                    { blocks(&section.blocks) }
                    { for section.entries.iter().map(|entry| {
                        let (id, tabindex) = if on_screen {
                            (Some(entry.anchor.clone()), Some("-1"))
                        } else {
                            (None, None)
                        };
                        html! {
                            <>
                                <@{entry_tag} {id} {tabindex}>{ entry.title.clone() }</@>
                                { in_plain_words(&entry.anchor) }
                                { blocks(&entry.blocks) }
                                { for permissions.iter().filter(|p| is_entry_of(&entry.anchor, p)).map(|p| html! {
                                    <p class="cs-permission">
                                        <strong>{ m::METHOD_PERMISSION }</strong>{ " " }{ p.statement.clone() }
                                    </p>
                                }) }
                            </>
                        }
                    }) }
                </section>
            }) }
        </div>
    }
}

/// Whether the entry with this anchor is an instrument of the permission's module.
fn is_entry_of(anchor: &str, permission: &ModulePermission) -> bool {
    questionnaire()
        .iter()
        .any(|it| it.module == permission.module && instrument_anchor(it.instrument) == anchor)
}

fn blocks(blocks: &[Block]) -> Html {
    html! {
        { for blocks.iter().map(|block| match block {
            Block::Paragraph { text } => html! { <p>{ plain(text) }</p> },
            Block::List { items } => html! {
                <ul class="cs-list">{ for items.iter().map(|i| html! { <li>{ plain(i) }</li> }) }</ul>
            },
            Block::Fields { fields } => html! {
                <dl>
                    { for fields.iter().map(|f| html! {
                        <>
                            <dt>{ plain(&f.label) }</dt>
                            <dd>{ plain(&f.text) }</dd>
                        </>
                    }) }
                </dl>
            },
            Block::Table { head, rows } => html! {
                <table>
                    <thead>
                        <tr>{ for head.iter().map(|h| html! { <th scope="col">{ plain(h) }</th> }) }</tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|row| html! {
                            <tr>{ for row.iter().map(|c| html! { <td>{ plain(c) }</td> }) }</tr>
                        }) }
                    </tbody>
                </table>
            },
        }) }
    }
}
