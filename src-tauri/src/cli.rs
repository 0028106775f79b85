//! The command line of the `allies` binary. With no arguments the window opens.

use std::process::ExitCode;

use allies_core::storage;

#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    OpenWindow,
    /// Start in the tray without showing the window, as at login.
    Background,
    Version,
    Help,
    DataDir,
    Unknown(String),
}

pub fn parse(mut args: impl Iterator<Item = String>) -> Invocation {
    let Some(first) = args.next() else {
        return Invocation::OpenWindow;
    };
    match first.as_str() {
        "--version" | "-V" => Invocation::Version,
        "--help" | "-h" | "help" => Invocation::Help,
        "data-dir" => Invocation::DataDir,
        "--background" => Invocation::Background,
        _ => Invocation::Unknown(first),
    }
}

const USAGE: &str = "\
Allies: map, know and keep in touch with the people your career depends on.

Usage:
  allies             open the Allies window
  allies --background
                     start in the tray and only show reminders, as at login
  allies data-dir    print where Allies keeps your data
  allies --version   print the version
  allies --help      print this help

Environment:
  ALLIES_DATA_DIR    keep the data in this folder instead of the usual place
";

pub fn execute(invocation: Invocation) -> ExitCode {
    match invocation {
        Invocation::OpenWindow | Invocation::Background => ExitCode::SUCCESS,
        Invocation::Version => {
            println!("allies {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Invocation::Help => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Invocation::DataDir => match storage::data_dir() {
            Ok(dir) => {
                println!("{}", dir.join(storage::DB_FILE).display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("allies: {e}");
                ExitCode::FAILURE
            }
        },
        Invocation::Unknown(arg) => {
            eprintln!("allies: unknown command or option '{arg}'. Run 'allies --help' to see what is available.");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(args: &[&str]) -> Invocation {
        parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn no_arguments_open_the_window() {
        assert_eq!(parse_str(&[]), Invocation::OpenWindow);
    }

    #[test]
    fn flags_and_commands_are_recognised() {
        assert_eq!(parse_str(&["-V"]), Invocation::Version);
        assert_eq!(parse_str(&["--help"]), Invocation::Help);
        assert_eq!(parse_str(&["data-dir"]), Invocation::DataDir);
        assert_eq!(parse_str(&["--background"]), Invocation::Background);
        assert_eq!(
            parse_str(&["--frobnicate"]),
            Invocation::Unknown("--frobnicate".into())
        );
    }
}
