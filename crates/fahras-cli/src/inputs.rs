//! What every command reads: files and folders (folders recursively, `.zip` archives entry by
//! entry), and `--field FIELD=SOURCE_FIELD` (repeatable) for record fields named otherwise.
//! One reader for all commands: `fahras_core::corpus::load_inputs_with`.

use std::path::PathBuf;

use fahras_core::corpus::{load_inputs_with, LoadReport, Options};

/// The `--field` lines of every command's usage.
pub const FIELD_HELP: &str =
    "  --field FIELD=SOURCE  read a record field from another column or key (repeatable),
                        e.g. --field date=date_extracted; FIELD is one of id, text, title,
                        dek, date, author, source, url, lang";

/// The inputs of a command and how to read them.
pub struct Inputs {
    pub paths: Vec<PathBuf>,
    pub opts: Options,
}

/// Takes every `--field FIELD=SOURCE` (or `--field=FIELD=SOURCE`) out of `args`: the reading
/// options, and the arguments left for the command.
pub fn take_fields(args: &[String]) -> Result<(Options, Vec<String>), String> {
    let mut opts = Options::default();
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let spec = match arg.strip_prefix("--field") {
            Some("") => it
                .next()
                .ok_or("--field needs FIELD=SOURCE_FIELD")?
                .as_str(),
            Some(s) if s.starts_with('=') => &s[1..],
            _ => {
                rest.push(arg.clone());
                continue;
            }
        };
        opts.fields.add(spec).map_err(|e| format!("--field: {e}"))?;
    }
    Ok((opts, rest))
}

/// A command's arguments: its inputs, `--field`s, and which of its `flags` (e.g. `--json`) were
/// given. On a bad or empty argument list, the message to print (usage included).
pub fn parse(
    command: &str,
    usage: &str,
    args: &[String],
    flags: &[&str],
) -> Result<(Inputs, Vec<String>), String> {
    let (opts, rest) = take_fields(args).map_err(|e| format!("fahras {command}: {e}"))?;
    let (given, paths): (Vec<String>, Vec<String>) =
        rest.into_iter().partition(|a| flags.contains(&a.as_str()));
    let unknown = paths.iter().find(|a| a.starts_with("--"));
    if paths.is_empty() || unknown.is_some() {
        let what = unknown.map_or(String::new(), |u| {
            format!("fahras {command}: unknown option `{u}`\n")
        });
        return Err(format!("{what}{usage}\n{FIELD_HELP}"));
    }
    let paths = paths.into_iter().map(PathBuf::from).collect();
    Ok((Inputs { paths, opts }, given))
}

impl Inputs {
    /// Every article of the inputs and every problem (each naming its file and line).
    pub fn load(&self) -> LoadReport {
        load_inputs_with(&self.paths, &self.opts)
    }

    /// The folders among the inputs (where an entity override file may be).
    pub fn folders(&self) -> impl Iterator<Item = &PathBuf> {
        self.paths.iter().filter(|p| p.is_dir())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_taken_out_and_checked() {
        let args: Vec<String> = [
            "a/",
            "--field",
            "date=date_extracted",
            "--json",
            "--field=text=body",
            "b.csv",
        ]
        .map(String::from)
        .to_vec();
        let (opts, rest) = take_fields(&args).unwrap();
        assert!(!opts.fields.is_empty());
        assert_eq!(rest, ["a/", "--json", "b.csv"]);
        let bad: Vec<String> = ["--field", "when=x"].map(String::from).to_vec();
        assert!(take_fields(&bad)
            .unwrap_err()
            .contains("unknown field `when`"));
        let missing: Vec<String> = vec!["--field".into()];
        assert!(take_fields(&missing).is_err());
    }

    #[test]
    fn commands_get_their_inputs_and_flags() {
        let args: Vec<String> = ["a/", "--json", "b.zip", "--field", "date=d"]
            .map(String::from)
            .to_vec();
        let (inputs, flags) = parse("inspect", "usage", &args, &["--json"]).unwrap();
        assert_eq!(inputs.paths, [PathBuf::from("a/"), PathBuf::from("b.zip")]);
        assert_eq!(flags, ["--json"]);
        let e = parse(
            "inspect",
            "usage",
            &["a/".into(), "--jsno".into()],
            &["--json"],
        )
        .err()
        .unwrap();
        assert!(
            e.contains("unknown option `--jsno`") && e.contains("usage"),
            "{e}"
        );
        assert!(parse("check", "usage", &[], &[])
            .err()
            .unwrap()
            .contains("usage"));
    }
}
