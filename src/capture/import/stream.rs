//! A read-later export written while it is still being read: the importer runs on its own
//! thread and hands each saved item over a bounded channel to the writer (this thread, which
//! owns the store). Reading and cleaning the file was a fifth of a 50,000-row Pocket import
//! and the inserts most of the rest; on two cores the two now overlap. Still one
//! transaction, all or nothing: a file found broken at its last line adds nothing.

use super::saved::{Ctx, Sink};
use super::{
    Format, ImportError, ImportSummary, Plan, clean_links, clean_rest, plan_one, summary_of,
};
use crate::model::PlannedLink;
use crate::store::{BatchRest, Store, StoreError};
use std::sync::mpsc::{channel, sync_channel};

/// Chunks in flight between the reader and the writer (`saved::CHUNK` links each): enough
/// that neither waits on the other's small stalls, few enough to stay a few MB.
const IN_FLIGHT: usize = 4;

/// The formats whose importers hand every item to `Plan::push_saved`, which can send it on.
pub(super) fn streams(format: Format) -> bool {
    !matches!(
        format,
        Format::Bookmarks | Format::Opml | Format::Feed | Format::Text
    )
}

/// Reads `content` as `format` on a second thread while writing what it finds.
pub(super) fn import(
    store: &mut Store,
    content: &str,
    format: Format,
    ctx: Ctx,
) -> Result<ImportSummary, ImportError> {
    let (tx, rx) = sync_channel::<Vec<PlannedLink>>(IN_FLIGHT);
    let (give_back, written) = channel::<Vec<PlannedLink>>();
    let ctx = Ctx {
        sink: Some(Sink {
            tx,
            written,
            source: format.source(),
        }),
        ..ctx
    };
    std::thread::scope(|scope| {
        // `ctx` (and with it the sender) moves into the reader and is dropped when it ends,
        // which ends the writer's stream of links.
        let reader = scope.spawn(move || plan_one(content, format, &ctx));
        let mut reader = Some(reader);
        let mut outcome: Option<Result<Plan, ImportError>> = None;
        // Once the reader has ended, a written chunk is freed here.
        let give_back = |chunk| drop(give_back.send(chunk));
        let written = store.add_batch_streamed(rx.into_iter(), give_back, || {
            let Some(handle) = reader.take() else {
                return Err(STOPPED.into());
            };
            let mut plan = handle.join().map_err(|_| STOPPED.to_string())?;
            if let Ok(plan) = &mut plan {
                // The last, partial chunk (`plan_one` marked its source).
                clean_links(&mut plan.links);
                clean_rest(plan);
            }
            let rest = match &mut plan {
                Ok(plan) => Ok(BatchRest {
                    links: std::mem::take(&mut plan.links),
                    feeds: std::mem::take(&mut plan.feeds),
                    by_title: std::mem::take(&mut plan.by_title),
                }),
                Err(e) => Err(e.to_string()),
            };
            outcome = Some(plan);
            rest
        });
        // The writer stopped early (a database error): the channel is closed, so the reader
        // finishes its file without blocking; its result no longer matters.
        if let Some(handle) = reader.take() {
            let _ = handle.join();
        }
        match (written, outcome) {
            (Ok(counts), Some(Ok(plan))) => {
                let mut summary = summary_of(counts, plan);
                summary.format = Some(format);
                Ok(summary)
            }
            (_, Some(Err(broken))) => Err(broken),
            (Err(e), _) => Err(e.into()),
            (Ok(_), None) => Err(StoreError::Invalid(STOPPED.into()).into()),
        }
    })
}

const STOPPED: &str = "the import stopped unexpectedly; nothing was imported";
