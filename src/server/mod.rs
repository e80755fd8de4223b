//! `mdlinks server`: a language server over standard input and output.
//!
//! Synchronous, on `lsp-server`'s connection (as rust-analyzer and ruff
//! are): one loop takes each message in turn. Linting a file takes
//! milliseconds, so nothing is gained by running requests concurrently,
//! and nothing is lost to cancellation or stale results. The editor keeps
//! each open document here in full (full text sync); its findings are
//! published whenever it opens or changes, and again for every open
//! document when an `mdlinks.toml` changes.

mod convert;
mod documents;
mod lists;
mod position;

use convert::FIX_ALL_KIND;
use documents::{Documents, Linting};
use lists::Lists;
use lsp_server::{Connection, ErrorCode, Message, Notification, ProtocolError, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, Formatting, RegisterCapability, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DidChangeWatchedFilesRegistrationOptions,
    DocumentFormattingParams, FileSystemWatcher, GlobPattern, InitializeParams, InitializeResult,
    LogMessageParams, MessageType, OneOf, PositionEncodingKind, PublishDiagnosticsParams,
    Registration, RegistrationParams, ServerCapabilities, ServerInfo, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use position::PositionMap;

/// Why the server stopped other than at the client's `shutdown` and `exit`.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("language server protocol: {0}")]
    Protocol(#[from] ProtocolError),
    #[error("language server protocol: {0}")]
    Json(#[from] serde_json::Error),
    #[error("language server I/O: {0}")]
    Io(#[from] std::io::Error),
    /// Parameters that do not parse: said to the client, not fatal.
    #[error("bad parameters: {0}")]
    BadParams(String),
    #[error("the client went away")]
    Disconnected,
    /// `exit` without `shutdown` first: the protocol asks for exit code 1.
    #[error("exit without shutdown")]
    ExitWithoutShutdown,
}

/// Serve on standard input and output until the client says `exit`.
pub fn run() -> Result<(), ServerError> {
    let (connection, io_threads) = Connection::stdio();
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "mdlinks".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let mut server = Server {
        connection: &connection,
        documents: Documents::default(),
        lists: Lists::default(),
        last_error: None,
    };
    server.watch_configuration(&params)?;
    let outcome = server.serve();
    drop(connection);
    io_threads.join()?;
    outcome
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::from(FIX_ALL_KIND),
            ]),
            ..CodeActionOptions::default()
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Configuration files, for the client to watch: any TOML file, as
/// `extend` may name a file of any name (re-reading the configuration when
/// another TOML file changes costs a lint of the open documents).
const CONFIG_GLOB: &str = "**/*.toml";

fn is_config(uri: &Uri) -> bool {
    let name = uri.as_str().rsplit('/').next().unwrap_or_default();
    name.ends_with(".toml")
}

struct Server<'c> {
    connection: &'c Connection,
    documents: Documents,
    /// The lists of the open documents, whose conventions they keep to.
    lists: Lists,
    /// The last configuration error shown, so that a broken
    /// `mdlinks.toml` is said once, not at every keystroke.
    last_error: Option<String>,
}

impl Server<'_> {
    fn serve(&mut self) -> Result<(), ServerError> {
        for message in &self.connection.receiver {
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    self.answer(request)?;
                }
                Message::Notification(notification) => {
                    if notification.method == lsp_types::notification::Exit::METHOD {
                        return Err(ServerError::ExitWithoutShutdown);
                    }
                    self.notice(notification)?;
                }
                // The client's answer to `client/registerCapability`.
                Message::Response(_) => {}
            }
        }
        Ok(())
    }

    /// Ask the client to tell about configuration files that change, where
    /// it can watch files on request.
    fn watch_configuration(&self, params: &InitializeParams) -> Result<(), ServerError> {
        let can_watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        if !can_watch {
            return Ok(());
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(CONFIG_GLOB.to_owned()),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "mdlinks-configuration".to_owned(),
                method: DidChangeWatchedFiles::METHOD.to_owned(),
                register_options: Some(serde_json::to_value(options)?),
            }],
        };
        let request = Request::new(
            "mdlinks/watch-configuration".to_owned().into(),
            RegisterCapability::METHOD.to_owned(),
            params,
        );
        self.send(request.into())
    }

    fn answer(&mut self, request: Request) -> Result<(), ServerError> {
        let id = request.id.clone();
        let response = match request.method.as_str() {
            CodeActionRequest::METHOD => {
                match request.extract::<CodeActionParams>(CodeActionRequest::METHOD) {
                    Ok((_, params)) => Response::new_ok(id, self.code_actions(params)),
                    Err(err) => invalid_params(id, &err),
                }
            }
            Formatting::METHOD => {
                match request.extract::<DocumentFormattingParams>(Formatting::METHOD) {
                    Ok((_, params)) => Response::new_ok(id, self.format(&params)),
                    Err(err) => invalid_params(id, &err),
                }
            }
            method => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("mdlinks does not answer `{method}`"),
            ),
        };
        self.send(response.into())
    }

    /// Handle a notification; one whose parameters do not parse is
    /// logged and otherwise ignored, as the protocol asks.
    fn notice(&mut self, notification: Notification) -> Result<(), ServerError> {
        let method = notification.method.clone();
        match self.handle(notification) {
            Err(ServerError::BadParams(err)) => {
                self.log(MessageType::ERROR, format!("mdlinks: `{method}`: {err}"))
            }
            outcome => outcome,
        }
    }

    fn handle(&mut self, notification: Notification) -> Result<(), ServerError> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params = extract::<DidOpenTextDocument>(notification)?;
                let document = params.text_document;
                self.documents.open(document.uri.clone(), document.text);
                self.publish(&document.uri)
            }
            DidChangeTextDocument::METHOD => {
                let params = extract::<DidChangeTextDocument>(notification)?;
                // Full sync: the last change is the whole text.
                let Some(change) = params.content_changes.into_iter().last() else {
                    return Ok(());
                };
                let uri = params.text_document.uri;
                self.documents.open(uri.clone(), change.text);
                self.publish(&uri)
            }
            DidCloseTextDocument::METHOD => {
                let params = extract::<DidCloseTextDocument>(notification)?;
                let uri = params.text_document.uri;
                self.documents.close(&uri);
                self.send_diagnostics(uri, Vec::new())
            }
            DidSaveTextDocument::METHOD => {
                let params = extract::<DidSaveTextDocument>(notification)?;
                let uri = params.text_document.uri;
                if is_config(&uri) {
                    self.lists.forget();
                    return self.publish_all();
                }
                self.saved(&uri)
            }
            DidChangeWatchedFiles::METHOD => {
                let params = extract::<DidChangeWatchedFiles>(notification)?;
                if params.changes.iter().any(|change| is_config(&change.uri)) {
                    self.lists.forget();
                    self.publish_all()?;
                }
                Ok(())
            }
            // `initialized`, `$/cancelRequest`, `$/setTrace`, … need nothing.
            _ => Ok(()),
        }
    }

    /// The document at `uri` with its settings, or `None` (said to the
    /// user) where its configuration is broken or it is too large.
    fn linting<'t>(
        &mut self,
        uri: &Uri,
        text: &'t str,
    ) -> Result<Option<Linting<'t>>, ServerError> {
        let mut warnings = Vec::new();
        let linting = Linting::new(uri, text, &mut warnings);
        for warning in warnings {
            self.log(MessageType::WARNING, warning)?;
        }
        match linting {
            Ok(linting) => {
                self.last_error = None;
                Ok(Some(linting))
            }
            Err(err) => {
                let message = format!("mdlinks: {err}");
                if self.last_error.as_ref() != Some(&message) {
                    self.last_error = Some(message.clone());
                    let params = ShowMessageParams {
                        typ: MessageType::ERROR,
                        message,
                    };
                    self.send(Notification::new(ShowMessage::METHOD.to_owned(), params).into())?;
                }
                Ok(None)
            }
        }
    }

    /// The document at `uri` was saved: the other open documents of its
    /// list now count it as saved.
    fn saved(&mut self, uri: &Uri) -> Result<(), ServerError> {
        let Some(text) = self.documents.text(uri).map(str::to_owned) else {
            return Ok(());
        };
        if let Some(linting) = self.linting(uri, &text)? {
            self.lists.saved(linting.path(), &linting.observed());
        }
        let others: Vec<Uri> = self
            .documents
            .uris()
            .filter(|u| *u != uri)
            .cloned()
            .collect();
        others.iter().try_for_each(|other| self.publish(other))
    }

    fn publish_all(&mut self) -> Result<(), ServerError> {
        let uris: Vec<Uri> = self.documents.uris().cloned().collect();
        uris.iter().try_for_each(|uri| self.publish(uri))
    }

    /// Lint the open document at `uri` and publish its findings (none where
    /// it cannot be linted).
    fn publish(&mut self, uri: &Uri) -> Result<(), ServerError> {
        let Some(text) = self.documents.text(uri).map(str::to_owned) else {
            return Ok(());
        };
        let diagnostics = match self.linting(uri, &text)? {
            Some(linting) => {
                let map = PositionMap::new(&text);
                linting
                    .lint(&mut self.lists)
                    .iter()
                    .map(|finding| convert::diagnostic(&map, finding))
                    .collect()
            }
            None => Vec::new(),
        };
        self.send_diagnostics(uri.clone(), diagnostics)
    }

    fn send_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
    ) -> Result<(), ServerError> {
        let params = PublishDiagnosticsParams::new(uri, diagnostics, None);
        self.send(Notification::new(PublishDiagnostics::METHOD.to_owned(), params).into())
    }

    /// A quick fix for each finding in the range that has a fix, and "fix
    /// all safe" where safe fixes change the document.
    fn code_actions(&mut self, params: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = params.text_document.uri;
        let Some(text) = self.documents.text(&uri).map(str::to_owned) else {
            return Vec::new();
        };
        let Ok(Some(linting)) = self.linting(&uri, &text) else {
            return Vec::new();
        };
        let map = PositionMap::new(&text);
        let only = params.context.only.as_deref();
        let mut actions = Vec::new();
        if convert::accepts(only, CodeActionKind::QUICKFIX.as_str()) {
            // Touching counts: a cursor just after a finding asks for its fix.
            let start = map.offset(params.range.start);
            let end = map.offset(params.range.end);
            for finding in linting.lint(&mut self.lists) {
                if finding.span.end < start || end < finding.span.start {
                    continue;
                }
                let shown = convert::diagnostic(&map, &finding);
                if let Some(action) = convert::quick_fix(&uri, &map, &finding, shown) {
                    actions.push(CodeActionOrCommand::CodeAction(action));
                }
            }
        }
        if convert::accepts(only, FIX_ALL_KIND)
            && let Some(fixed) = linting.fixed_safe(&mut self.lists)
        {
            let action = convert::fix_all(&uri, &map, fixed);
            actions.push(CodeActionOrCommand::CodeAction(action));
        }
        actions
    }

    /// The safe fixes, as one edit of the whole document (none where they
    /// change nothing).
    fn format(&mut self, params: &DocumentFormattingParams) -> Vec<lsp_types::TextEdit> {
        let uri = &params.text_document.uri;
        let Some(text) = self.documents.text(uri).map(str::to_owned) else {
            return Vec::new();
        };
        let Ok(Some(linting)) = self.linting(uri, &text) else {
            return Vec::new();
        };
        match linting.fixed_safe(&mut self.lists) {
            Some(fixed) => vec![convert::whole_document(&PositionMap::new(&text), fixed)],
            None => Vec::new(),
        }
    }

    fn log(&self, typ: MessageType, message: String) -> Result<(), ServerError> {
        let params = LogMessageParams { typ, message };
        self.send(Notification::new(LogMessage::METHOD.to_owned(), params).into())
    }

    fn send(&self, message: Message) -> Result<(), ServerError> {
        self.connection
            .sender
            .send(message)
            .map_err(|_| ServerError::Disconnected)
    }
}

/// The parameters of a notification of type `N`.
fn extract<N: lsp_types::notification::Notification>(
    notification: Notification,
) -> Result<N::Params, ServerError> {
    notification
        .extract(N::METHOD)
        .map_err(|e| ServerError::BadParams(e.to_string()))
}

fn invalid_params(id: lsp_server::RequestId, err: &lsp_server::ExtractError<Request>) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, err.to_string())
}
