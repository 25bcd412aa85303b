use std::process::ExitCode;

pub fn run(_args: &[String]) -> ExitCode {
    eprintln!("fahras: not built yet");
    ExitCode::FAILURE
}
