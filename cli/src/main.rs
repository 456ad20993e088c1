//! `carestep`: the engine on the command line, for clinicians who want to
//! audit the scoring and for tests.
//!
//! Every failure is exactly one line on standard error, nothing on standard
//! output, and a non-zero exit status (1 for bad input, 2 for bad usage).
//! The tool never panics: all output goes through `write` calls whose errors
//! are handled, since `println!` panics on a closed pipe.

use std::io::{Read, Write};
use std::process::ExitCode;

use carestep_config::ClinicConfig;
use carestep_engine::handoff::{self, FORMAT_VERSION};
use carestep_engine::{
    assess, deployment_items, fhir as fhir_export, instrument, Answers, Date, Instrument, Module,
    ModuleSet, MODEL_VERSION,
};
use serde::Serialize;

/// The help text; `{MODEL_VERSION}` is filled in by [`help`].
const HELP: &str = "\
carestep — CareStep's clinical engine on the command line (clinical model {MODEL_VERSION})

usage:
  carestep score FILE|-                            score an answer set, print the result (JSON)
  carestep questions [--modules default|all|LIST]  print the questionnaire (JSON)
  carestep check-config FILE|-                     validate a clinic configuration
  carestep handoff encode FILE|- [--modules default|all|LIST] [--date YYYY-MM-DD]
                                                   the handoff code of an answer set
  carestep handoff decode CODE                     the answers a handoff code holds (JSON,
                                                   the same format score reads)
  carestep handoff show CODE                       the code's date, modules and answers (JSON)
  carestep fhir FILE|- [--date YYYY-MM-DD]         the answer set as a FHIR R4 Bundle (JSON)
  carestep methodology [--modules all|default|LIST] [--format markdown|json]
                                                   how CareStep decides: every instrument,
                                                   band, rule and flag with its source
                                                   (default: all modules, Markdown; this is
                                                   docs/methodology.md)
  carestep --help                                  this text

For score, FILE holds {\"answers\": {\"phq9.1\": 2, \"asq.1\": \"declined\", ...}};
for check-config, the clinic configuration. - reads standard input.
LIST is a comma-separated list of module names, e.g. depression,anxiety,suicide_cssrs
(gate and context are always included). handoff encode's modules are the
deployment the answers were given in (default: the default deployment); --date
is the day of the self-check (default: today, UTC). A handoff code is read with
case, spaces and dashes ignored, O read as 0 and I, L as 1.

Errors: one line on standard error, nothing on standard output; exit status 1
for bad input, 2 for bad usage.
";

/// A failure: the exit status and the one line for standard error.
struct Failure(u8, String);

fn usage(msg: impl Into<String>) -> Failure {
    Failure(2, format!("{} (see carestep --help)", msg.into()))
}

fn main() -> ExitCode {
    let args: Vec<String> = match std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect::<Result<_, _>>()
    {
        Ok(args) => args,
        Err(_) => return fail(usage("arguments must be valid UTF-8")),
    };
    let result = match args.first().map(String::as_str) {
        None => Err(usage("missing command")),
        Some("-h" | "--help" | "help") if args.len() == 1 => {
            Ok(HELP.replace("{MODEL_VERSION}", MODEL_VERSION))
        }
        Some("score") => score(&args[1..]),
        Some("questions") => questions(&args[1..]),
        Some("check-config") => check_config(&args[1..]),
        Some("handoff") => handoff(&args[1..]),
        Some("fhir") => fhir(&args[1..]),
        Some("methodology") => methodology(&args[1..]),
        Some(other) => Err(usage(format!("unknown command {other:?}"))),
    };
    match result {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(out.as_bytes())
                .and_then(|_| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(Failure(1, format!("cannot write the output: {e}"))),
            }
        }
        Err(f) => fail(f),
    }
}

fn fail(Failure(code, msg): Failure) -> ExitCode {
    // One line, whatever the message contains.
    let line = msg.replace(['\n', '\r'], " ");
    let _ = writeln!(std::io::stderr().lock(), "carestep: {line}");
    ExitCode::from(code)
}

fn score(args: &[String]) -> Result<String, Failure> {
    let [path] = args else {
        return Err(usage("score takes exactly one argument: FILE or -"));
    };
    let text = read_input(path)?;
    let answers = Answers::from_json(&text).map_err(|e| Failure(1, e.to_string()))?;
    Ok(assess(&answers).to_json_pretty() + "\n")
}

fn check_config(args: &[String]) -> Result<String, Failure> {
    let [path] = args else {
        return Err(usage("check-config takes exactly one argument: FILE or -"));
    };
    let text = read_input(path)?;
    match ClinicConfig::from_json(&text) {
        Ok(config) => {
            let name = config
                .clinic()
                .map_or("(no clinic name)", |c| c.name.as_str());
            let levels: Vec<&str> = config.programs().iter().map(|p| p.level.as_str()).collect();
            let modules: Vec<&str> = config.modules().iter().map(|m| m.as_str()).collect();
            Ok(format!(
                "ok: {name:?}; programs: {}; modules: {}\n",
                if levels.is_empty() {
                    "none".to_string()
                } else {
                    levels.join(", ")
                },
                modules.join(", ")
            ))
        }
        // Every problem is reported, on the one line the tool allows.
        Err(errors) => {
            let n = errors.errors.len();
            let list: Vec<String> = errors.errors.iter().map(|e| e.to_string()).collect();
            Err(Failure(
                1,
                format!(
                    "invalid configuration ({n} problem{}): {}",
                    if n == 1 { "" } else { "s" },
                    list.join("; ")
                ),
            ))
        }
    }
}

fn read_input(path: &str) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    let (name, res) = if path == "-" {
        (
            "standard input".to_string(),
            std::io::stdin().lock().read_to_end(&mut bytes),
        )
    } else {
        (
            path.to_string(),
            std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)),
        )
    };
    res.map_err(|e| Failure(1, format!("cannot read {name}: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        Failure(
            1,
            format!(
                "{name} is not valid UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

#[derive(Serialize)]
struct QuestionnaireJson {
    model_version: &'static str,
    modules: ModuleSet,
    instruments: Vec<&'static carestep_engine::InstrumentInfo>,
    items: Vec<&'static carestep_engine::Item>,
    /// The parts of the journey this deployment can ask, in order, with
    /// their heads-ups and items.
    parts: Vec<PartJson>,
    /// The stated length (questions, minutes) of the deployment's journey.
    estimate: carestep_engine::Estimate,
}

#[derive(Serialize)]
struct PartJson {
    id: carestep_engine::PartId,
    name: &'static str,
    heads_up: Option<&'static str>,
    items: Vec<carestep_engine::ItemId>,
}

fn questions(args: &[String]) -> Result<String, Failure> {
    let modules = match args {
        [] => ModuleSet::default_deployment(),
        [flag, value] if flag == "--modules" => parse_modules(value)?,
        [flag] if flag == "--modules" => return Err(usage("--modules needs a value")),
        [other, ..] => return Err(usage(format!("unexpected argument {other:?}"))),
    };
    let items = deployment_items(&modules);
    let instruments = Instrument::ALL
        .iter()
        .filter(|&&i| items.iter().any(|it| it.instrument == i))
        .map(|&i| instrument(i))
        .collect();
    let parts = carestep_engine::journey_parts()
        .iter()
        .map(|p| PartJson {
            id: p.id,
            name: p.name,
            heads_up: p.heads_up,
            items: items
                .iter()
                .filter(|it| carestep_engine::part_of(it.id).id == p.id)
                .map(|it| it.id)
                .collect(),
        })
        .filter(|p| !p.items.is_empty())
        .collect();
    let doc = QuestionnaireJson {
        model_version: MODEL_VERSION,
        modules,
        instruments,
        items,
        parts,
        estimate: carestep_engine::estimate(&modules),
    };
    serde_json::to_string_pretty(&doc)
        .map(|s| s + "\n")
        .map_err(|e| Failure(1, format!("cannot serialise the questionnaire: {e}")))
}

fn parse_modules(value: &str) -> Result<ModuleSet, Failure> {
    match value {
        "default" => Ok(ModuleSet::default_deployment()),
        "all" => Ok(ModuleSet::all()),
        list => list.split(',').try_fold(ModuleSet::minimal(), |set, name| {
            Module::parse(name.trim())
                .map(|m| set.with(m))
                .ok_or_else(|| {
                    let names: Vec<&str> = Module::ALL.iter().map(|m| m.as_str()).collect();
                    usage(format!(
                    "unknown module {name:?}; use default, all, or a comma-separated list of: {}",
                    names.join(", ")
                ))
                })
        }),
    }
}

/// `handoff encode|decode|show`.
fn handoff(args: &[String]) -> Result<String, Failure> {
    match args.first().map(String::as_str) {
        Some("encode") => handoff_encode(&args[1..]),
        Some("decode") => {
            let [code] = &args[1..] else {
                return Err(usage("handoff decode takes exactly one argument: CODE"));
            };
            let h = handoff::decode(code).map_err(|e| Failure(1, e.to_string()))?;
            Ok(h.answers.to_json())
        }
        Some("show") => {
            let [code] = &args[1..] else {
                return Err(usage("handoff show takes exactly one argument: CODE"));
            };
            let h = handoff::decode(code).map_err(|e| Failure(1, e.to_string()))?;
            let doc = serde_json::json!({
                "format_version": FORMAT_VERSION,
                "model_version": MODEL_VERSION,
                "date": h.date.to_string(),
                "modules": h.modules,
                "answers": h.answers,
            });
            serde_json::to_string_pretty(&doc)
                .map(|s| s + "\n")
                .map_err(|e| Failure(1, format!("cannot serialise the code's content: {e}")))
        }
        None => Err(usage("handoff needs a subcommand: encode, decode or show")),
        Some(other) => Err(usage(format!(
            "unknown handoff subcommand {other:?}; use encode, decode or show"
        ))),
    }
}

/// The options after the input file: `--date` always, `--modules` where allowed.
struct Options {
    date: Option<Date>,
    modules: Option<ModuleSet>,
}

fn options(args: &[String], allow_modules: bool) -> Result<Options, Failure> {
    let mut out = Options {
        date: None,
        modules: None,
    };
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        match flag.as_str() {
            "--date" if out.date.is_none() => {
                let value = rest.next().ok_or_else(|| usage("--date needs a value"))?;
                out.date = Some(Date::parse(value).map_err(|e| usage(e.to_string()))?);
            }
            "--modules" if allow_modules && out.modules.is_none() => {
                let value = rest
                    .next()
                    .ok_or_else(|| usage("--modules needs a value"))?;
                out.modules = Some(parse_modules(value)?);
            }
            other => return Err(usage(format!("unexpected argument {other:?}"))),
        }
    }
    Ok(out)
}

/// Today (UTC) from the system clock.
fn today() -> Result<Date, Failure> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| {
            Failure(
                1,
                "the system clock is before 1970; give --date".to_string(),
            )
        })?
        .as_secs();
    Date::from_unix_days((secs / 86_400) as i64).ok_or_else(|| {
        Failure(
            1,
            "today's date is outside what a code can hold; give --date".to_string(),
        )
    })
}

fn handoff_encode(args: &[String]) -> Result<String, Failure> {
    let Some((path, rest)) = args.split_first() else {
        return Err(usage("handoff encode needs FILE or -"));
    };
    let opts = options(rest, true)?;
    let text = read_input(path)?;
    let answers = Answers::from_json(&text).map_err(|e| Failure(1, e.to_string()))?;
    let date = match opts.date {
        Some(d) => d,
        None => today()?,
    };
    let modules = opts.modules.unwrap_or_default();
    handoff::encode(&answers, &modules, date)
        .map(|code| code + "\n")
        .map_err(|e| Failure(1, e.to_string()))
}

fn fhir(args: &[String]) -> Result<String, Failure> {
    let Some((path, rest)) = args.split_first() else {
        return Err(usage("fhir needs FILE or -"));
    };
    let opts = options(rest, false)?;
    let text = read_input(path)?;
    let answers = Answers::from_json(&text).map_err(|e| Failure(1, e.to_string()))?;
    let date = match opts.date {
        Some(d) => d,
        None => today()?,
    };
    Ok(fhir_export::bundle_json(&answers, date))
}

/// `methodology [--modules …] [--format markdown|json]`: the page of
/// `docs/methodology.md` (all modules, Markdown, by default).
fn methodology(args: &[String]) -> Result<String, Failure> {
    let mut modules = None;
    let mut json = None;
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        match flag.as_str() {
            "--modules" if modules.is_none() => {
                let value = rest
                    .next()
                    .ok_or_else(|| usage("--modules needs a value"))?;
                modules = Some(parse_modules(value)?);
            }
            "--format" if json.is_none() => {
                json = Some(match rest.next().map(String::as_str) {
                    Some("markdown") => false,
                    Some("json") => true,
                    Some(other) => {
                        return Err(usage(format!(
                            "unknown format {other:?}; use markdown or json"
                        )))
                    }
                    None => return Err(usage("--format needs a value")),
                });
            }
            other => return Err(usage(format!("unexpected argument {other:?}"))),
        }
    }
    let page = carestep_engine::methodology(&modules.unwrap_or_else(ModuleSet::all));
    Ok(if json.unwrap_or(false) {
        page.to_json()
    } else {
        page.to_markdown()
    })
}
