fn main() -> std::process::ExitCode {
    let code = ulpk_eval::run(std::env::args_os());
    std::process::ExitCode::from(code.clamp(0, 255) as u8)
}
