//! Hostile trees for `aics-lint check`: symlink loops, FIFOs, files that vanish while the
//! run reads them, names and contents that are not UTF-8, 50,000 models in one folder,
//! and model repositories that try to lead the lookup outside themselves. Each run ends
//! in bounded time with exit status 0 or 1 (never 2, never a panic). Everything is built
//! at run time in a temporary folder.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const DEVICE: &str = r#"int main(void)
{
    PROV_DEVICE_LL_HANDLE prov = Prov_Device_LL_Create("global.azure-devices-provisioning.net", "0ne0000000A", Prov_Device_MQTT_Protocol);
    (void)Prov_Device_LL_Set_Provisioning_Payload(prov, "{\"modelId\":\"MODEL\"}");
    (void)Prov_Device_LL_Register_Device(prov, NULL, NULL, NULL, NULL);
    return 0;
}
"#;

/// Run with a deadline: a hang is a failure, not a stuck test run. The output is read
/// while the child runs (thousands of notes overflow a pipe that nobody reads).
fn aics_lint(cwd: &Path, args: &[&str], limit: Duration) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_aics-lint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run aics-lint");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("aics-lint {args:?} ran past {limit:?}");
        }
    }
}

fn assert_ran(o: &Output) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(matches!(o.status.code(), Some(0 | 1)), "status {:?}; stderr: {err}", o.status);
    assert!(!err.contains("panicked"), "{err}");
}

fn device(model: &str) -> String {
    DEVICE.replace("MODEL", model)
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_fifos_are_not_followed_or_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("src/sub")).unwrap();
    fs::write(root.join("src/main.c"), device("dtmi:com:example:D;1")).unwrap();
    std::os::unix::fs::symlink("..", root.join("src/sub/up")).unwrap();
    std::os::unix::fs::symlink("loop.c", root.join("src/loop.c")).unwrap();
    std::os::unix::fs::symlink("b.h", root.join("src/a.h")).unwrap();
    std::os::unix::fs::symlink("a.h", root.join("src/b.h")).unwrap();
    let fifo = root.join("src/pipe.c");
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let o = aics_lint(root, &["check", "--format", "json", "src"], Duration::from_secs(60));
    assert_ran(&o);
    let err = String::from_utf8_lossy(&o.stderr);
    if made {
        assert!(err.contains("pipe.c"), "the FIFO is skipped with a note: {err}");
    }
}

#[test]
fn files_that_vanish_during_the_run_are_noted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    fs::create_dir_all(root.join("src")).unwrap();
    fs::write(root.join("src/main.c"), device("dtmi:com:example:D;1")).unwrap();
    let n = 3000;
    for i in 0..n {
        fs::write(root.join(format!("src/m{i}.c")), format!("int f{i}(int a) {{ return a + {i}; }}\n")).unwrap();
    }
    // Delete files while the linter walks and reads them.
    let victim = root.clone();
    let deleter = std::thread::spawn(move || {
        for i in (0..n).rev().step_by(2) {
            let _ = fs::remove_file(victim.join(format!("src/m{i}.c")));
        }
    });
    let o = aics_lint(&root, &["check", "--format", "json", "src"], Duration::from_secs(120));
    deleter.join().unwrap();
    assert_ran(&o);
}

#[cfg(unix)]
#[test]
fn names_and_contents_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("src")).unwrap();
    let mut bad = device("dtmi:com:example:D;1").into_bytes();
    bad.splice(0..0, b"\xff\xfe/* \xc3\x28 */\n".iter().copied());
    let name = std::ffi::OsStr::from_bytes(b"src/m\xff\xfe.c");
    fs::write(root.join(name), &bad).unwrap();
    fs::create_dir_all(root.join("models")).unwrap();
    fs::write(root.join("models/m.json"), b"{\"@id\":\"dtmi:com:\xff;1\",\"@type\":\"Interface\",\xc0}").unwrap();
    let o = aics_lint(root, &["check", "--format", "json", "."], Duration::from_secs(60));
    assert_ran(&o);
    let _: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON output even for such names");
}

#[test]
fn fifty_thousand_small_models_in_one_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("src")).unwrap();
    fs::create_dir_all(root.join("models")).unwrap();
    fs::write(root.join("src/main.c"), device("dtmi:com:example:m49999;1")).unwrap();
    for i in 0..50_000 {
        fs::write(
            root.join(format!("models/m{i}.json")),
            format!("{{\"@context\":\"dtmi:dtdl:context;2\",\"@id\":\"dtmi:com:example:m{i};1\",\"@type\":\"Interface\",\"contents\":[]}}"),
        )
        .unwrap();
    }
    let o = aics_lint(root, &["check", "--format", "json", "src", "--models", "models"], Duration::from_secs(300));
    assert_ran(&o);
}

/// The linted device names a Model ID; the model repository holds, at the path of that
/// Model ID, a symlink to a file outside the repository. The lookup must not read it.
#[cfg(unix)]
#[test]
fn repository_symlinks_out_of_the_folder_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("device/src")).unwrap();
    fs::create_dir_all(root.join("repo/dtmi/com/example")).unwrap();
    fs::create_dir_all(root.join("outside")).unwrap();
    // A valid model: if it were read, the device's Model ID would resolve to it.
    fs::write(root.join("outside/secret.json"), "{\"@context\": \"dtmi:dtdl:context;2\", \"@id\": \"dtmi:com:example:d;1\", \"@type\": \"Interface\", \"contents\": []}").unwrap();
    std::os::unix::fs::symlink(root.join("outside/secret.json"), root.join("repo/dtmi/com/example/d-1.json")).unwrap();
    // And one whose whole folder is a link out.
    std::os::unix::fs::symlink(root.join("outside"), root.join("repo/dtmi/com/linked")).unwrap();
    fs::copy(root.join("outside/secret.json"), root.join("outside/e-1.json")).unwrap();
    let main = device("dtmi:com:example:d;1") + "static const char* other = \"dtmi:com:linked:e;1\";\n";
    fs::write(root.join("device/src/main.c"), main).unwrap();
    let o = aics_lint(root, &["check", "--format", "json", "device", "--models", "repo"], Duration::from_secs(60));
    assert_ran(&o);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("secret.json") && !out.contains("outside"), "read through a link out of the repository: {out}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let not_found = v["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "AICS006").count();
    assert!(not_found >= 1, "the Model ID resolved through a link out of the repository: {out}");
}

/// DTMIs shaped like paths out of the repository are not valid DTMIs: they are reported
/// as such and never turned into file paths.
#[test]
fn model_ids_shaped_like_paths_stay_inside_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("device/src")).unwrap();
    fs::create_dir_all(root.join("repo/dtmi")).unwrap();
    fs::write(root.join("secret.json"), "{ not json").unwrap();
    for (i, id) in ["dtmi:..:..:secret;1", "dtmi:/etc/passwd;1", "../../secret", "dtmi:com:..\\\\..\\\\secret;1"].iter().enumerate() {
        fs::write(root.join(format!("device/src/main{i}.c")), device(id).replace("main(void)", &format!("main{i}(void)"))).unwrap();
    }
    let o = aics_lint(root, &["check", "--format", "json", "device", "--models", "repo"], Duration::from_secs(60));
    assert_ran(&o);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("secret.json"), "{out}");
}

/// The binary links no HTTP client: it never touches the network.
#[test]
fn no_http_client_is_linked() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = Command::new(env!("CARGO"))
        .args(["tree", "--offline", "-p", "aics-lint", "-e", "normal", "--prefix", "none", "--format", "{p}"])
        .current_dir(manifest)
        .output()
        .expect("cargo tree");
    assert!(o.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&o.stderr));
    let tree = String::from_utf8_lossy(&o.stdout);
    for line in tree.lines() {
        let name = line.split_whitespace().next().unwrap_or("");
        for banned in ["reqwest", "hyper", "ureq", "curl", "isahc", "surf", "attohttpc", "minreq", "http-req", "openssl", "rustls", "native-tls"] {
            assert_ne!(name, banned, "aics-lint depends on {banned}:\n{tree}");
        }
    }
    assert!(tree.lines().count() > 5, "cargo tree printed too little:\n{tree}");
}

/// A config can name rules, paths and models; nothing in it is ever executed. A config
/// that tries (unknown keys naming commands) is an error naming the key, and nothing runs.
#[test]
fn the_config_cannot_make_it_run_anything() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let marker = root.join("ran");
    fs::create_dir_all(root.join("src")).unwrap();
    fs::write(root.join("src/main.c"), device("dtmi:com:example:D;1")).unwrap();
    let touch = format!("touch {}", marker.display());
    fs::write(
        root.join("aics-lint.toml"),
        format!("command = \"{touch}\"\nformatter = \"{touch}\"\nmodels = [\"$({touch})\", \"`{touch}`\"]\nexclude = [\"$({touch})\"]\n"),
    )
    .unwrap();
    let o = aics_lint(root, &["check", "src"], Duration::from_secs(60));
    assert!(!marker.exists(), "the config made aics-lint run a command");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("command") || err.contains("unknown"), "unknown keys are reported: {err}");
    // Without the unknown keys, the shell-looking strings are plain folder names.
    fs::write(root.join("aics-lint.toml"), format!("models = [\"$({touch})\", \"`{touch}`\"]\n")).unwrap();
    let o = aics_lint(root, &["check", "src"], Duration::from_secs(60));
    assert_ran(&o);
    assert!(!marker.exists(), "the config made aics-lint run a command");
}
