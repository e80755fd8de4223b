//! `mdlinks server`: the language server, spoken to over its standard
//! input and output as an editor would, with Content-Length framing. Every
//! read has a timeout, so a server that hangs fails the test.

use serde_json::{Value, json};
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

/// The first line has an en dash for a separator and no final period; the
/// second the same after an emoji and CJK, which UTF-16 counts apart from
/// bytes and characters.
const TEXT: &str = "- [Gobang](https://github.com/TaKO8Ki/gobang) – Cross-platform TUI database tool\n\
                    - [日本 🦀 Rust](https://example.com/x) – 中文 🎉 a tool\n";
const FIXED: &str = "- [Gobang](https://github.com/TaKO8Ki/gobang) - Cross-platform TUI database tool.\n\
                     - [日本 🦀 Rust](https://example.com/x) - 中文 🎉 a tool.\n";

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("mdlinks"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            messages,
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response's `result`.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait_for(|m| m["id"] == id && m.get("method").is_none());
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The next message that `wanted` accepts, skipping others.
    fn wait_for(&self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .expect("the server answered in time");
            if wanted(&message) {
                return message;
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&self, uri: &str) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// Wait for the exit code, standard input still open: the server
    /// exits at `exit`, not at the end of its input.
    fn exit_code(mut self) -> Option<i32> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            if Instant::now() > deadline {
                self.child.kill().unwrap();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One framed message, or `None` at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = Some(value.parse::<usize>().unwrap());
        }
    }
    let mut body = vec![0; length.expect("a Content-Length header")];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).unwrap())
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

/// Initialize, and open `notes.md` in `dir` with `text`; its URI.
fn open(client: &mut Client, dir: &Path, text: &str) -> String {
    let result = client.request(
        "initialize",
        json!({"processId": null, "rootUri": file_uri(dir), "capabilities": {}}),
    );
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 1);
    assert_eq!(capabilities["documentFormattingProvider"], true);
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.mdlinks"])
    );
    client.notify("initialized", json!({}));
    let uri = file_uri(&dir.join("notes.md"));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    uri
}

fn shut_down(mut client: Client) {
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": {"line": start.0, "character": start.1},
           "end": {"line": end.0, "character": end.1}})
}

#[test]
fn diagnostics_fixes_and_formatting_over_stdio() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(dir.path());
    let uri = open(&mut client, dir.path(), TEXT);

    let diagnostics = client.diagnostics(&uri);
    let found: Vec<(&str, Value)> = diagnostics
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["range"].clone()))
        .collect();
    assert_eq!(
        found,
        [
            ("description-dash", range((0, 45), (0, 48))),
            ("description-period", range((0, 79), (0, 80))),
            // 🦀 and 🎉 are two UTF-16 units each, 日本 and 中文 one each.
            ("description-dash", range((1, 37), (1, 40))),
            ("description-period", range((1, 51), (1, 52))),
        ]
    );
    let first = &diagnostics[0];
    assert_eq!(first["source"], "mdlinks");
    assert_eq!(first["severity"], 1);
    assert_eq!(
        first["codeDescription"]["href"],
        "https://github.com/mdlinks-dev/mdlinks/blob/main/rules/description-dash.md"
    );

    // A quick fix for the finding at the cursor, on the emoji line.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range((1, 38), (1, 38)),
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["title"], "Fix: use ` - ` (safe)");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(
        actions[0]["edit"]["changes"][&uri],
        json!([{"range": range((1, 37), (1, 40)), "newText": " - "}])
    );

    // Fix all safe: the whole document, fixed.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range((0, 0), (0, 0)),
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    assert_eq!(actions.as_array().unwrap().len(), 1, "{actions}");
    assert_eq!(actions[0]["title"], "mdlinks: fix all safe");
    assert_eq!(actions[0]["kind"], "source.fixAll.mdlinks");
    let whole = json!([{"range": range((0, 0), (2, 0)), "newText": FIXED}]);
    assert_eq!(actions[0]["edit"]["changes"][&uri], whole);

    let edits = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits, whole);

    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": FIXED}]}),
    );
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());
    let edits = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits, json!([]));
    shut_down(client);
}

#[test]
fn a_changed_configuration_is_published_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(dir.path());
    let uri = open(&mut client, dir.path(), TEXT);
    assert_eq!(client.diagnostics(&uri).len(), 4);

    let config = dir.path().join("mdlinks.toml");
    fs::write(&config, "ignore = [\"description-period\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 1}]}),
    );
    let codes: Vec<Value> = client
        .diagnostics(&uri)
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(
        codes,
        [json!("description-dash"), json!("description-dash")]
    );
    shut_down(client);
}

#[test]
fn a_changed_file_that_the_configuration_extends_is_published_again() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.toml");
    fs::write(&base, "").unwrap();
    fs::write(dir.path().join("mdlinks.toml"), "extend = \"base.toml\"\n").unwrap();
    let mut client = Client::start(dir.path());
    let uri = open(&mut client, dir.path(), TEXT);
    assert_eq!(client.diagnostics(&uri).len(), 4);

    fs::write(&base, "ignore = [\"description-period\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&base), "type": 2}]}),
    );
    let codes: Vec<Value> = client
        .diagnostics(&uri)
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(
        codes,
        [json!("description-dash"), json!("description-dash")]
    );
    shut_down(client);
}

#[test]
fn exit_without_shutdown_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(dir.path());
    open(&mut client, dir.path(), "");
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(1));
}

/// The open document is held to its list's conventions, as `check` of the
/// configuration's directory holds it: a short document in a list that
/// writes `*` items is not told to write `-`, and a `-` item there is.
#[test]
fn the_document_keeps_to_the_conventions_of_its_list() {
    let items = |marker: char, n: usize| -> String {
        (0..n)
            .map(|i| format!("{marker} [Tool {i}](https://example.com/{i}) - Does {i}.\n"))
            .collect()
    };
    let short = format!("# Links\n\n{}", items('*', 3));
    let codes = |client: &Client, uri: &str| -> Vec<Value> {
        client
            .diagnostics(uri)
            .iter()
            .map(|d| d["code"].clone())
            .collect()
    };

    // Alone (no configuration, so no list): the house style's `-`.
    let alone = tempfile::tempdir().unwrap();
    let mut client = Client::start(alone.path());
    let uri = open(&mut client, alone.path(), &short);
    assert_eq!(codes(&client, &uri), vec![json!("list-marker"); 3]);
    shut_down(client);

    // In a list of thirty `*` items besides it: clean, as `check` finds it.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mdlinks.toml"), "").unwrap();
    fs::write(
        dir.path().join("tools.md"),
        format!("# Tools\n\n{}", items('*', 30)),
    )
    .unwrap();
    fs::write(dir.path().join("notes.md"), &short).unwrap();
    let check = crate::support::mdlinks_in(dir.path())
        .args(["check", "--no-cache", "."])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0));
    let mut client = Client::start(dir.path());
    let uri = open(&mut client, dir.path(), &short);
    assert_eq!(codes(&client, &uri), Vec::<Value>::new());

    // A `-` item typed there is a slip, with the list's evidence.
    let edited = format!("{short}- [Other](https://example.com/other) - Does more.\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": edited}]}),
    );
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "list-marker");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(
        message.contains("list uses `*` for 33 of 34 items"),
        "{message}"
    );
    shut_down(client);
}
