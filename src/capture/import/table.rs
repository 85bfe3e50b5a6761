//! CSV exports read through the `csv` crate: columns found by header name (order differs
//! between tools and versions, optional ones may be missing), each record with the line it
//! starts on (quoted fields may span lines), and a malformed record refusing the whole file.

use super::{Format, ImportError};
use csv::{ErrorKind, ReaderBuilder, StringRecord};

/// A parsed CSV export.
pub(crate) struct Table {
    /// Lower-cased, trimmed header names.
    header: Vec<String>,
    pub rows: Vec<Row>,
}

pub(crate) struct Row {
    /// The line the record starts on, 1-based.
    pub line: u64,
    record: StringRecord,
}

impl Row {
    pub fn at(&self) -> String {
        format!("line {}", self.line)
    }
}

impl Table {
    /// Reads every record. `required` columns must be in the header; a record with another
    /// number of fields than the header refuses the file, naming its line.
    pub fn read(content: &str, format: Format, required: &[&str]) -> Result<Table, ImportError> {
        let mut rows = Vec::new();
        let mut table = Table::each(content, format, required, |_, row| {
            rows.push(Row {
                line: row.line,
                record: row.record.clone(),
            });
            Ok(())
        })?;
        table.rows = rows;
        Ok(table)
    }

    /// `read`, handing each record to `visit` as soon as it is read (the table it is given
    /// has no `rows`): a streamed import writes the first rows of a large file while the
    /// rest is still being parsed. An error (the file's or `visit`'s) stops the reading.
    pub fn each(
        content: &str,
        format: Format,
        required: &[&str],
        mut visit: impl FnMut(&Table, &Row) -> Result<(), ImportError>,
    ) -> Result<Table, ImportError> {
        let broken = |at: String, reason: String| ImportError::Broken { format, at, reason };
        let content = content.trim_start_matches('\u{feff}');
        let mut reader = ReaderBuilder::new()
            .flexible(false)
            .from_reader(content.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| csv_error(e, format))?
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        for want in required {
            if !header.iter().any(|h| h == want) {
                return Err(broken(
                    "line 1".into(),
                    format!("no '{want}' column (the header is: {})", header.join(",")),
                ));
            }
        }
        let table = Table {
            header,
            rows: Vec::new(),
        };
        let mut row = Row {
            line: 0,
            record: StringRecord::new(),
        };
        while reader
            .read_record(&mut row.record)
            .map_err(|e| csv_error(e, format))?
        {
            if row.record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            row.line = row.record.position().map(|p| p.line()).unwrap_or(0);
            visit(&table, &row)?;
        }
        Ok(table)
    }

    /// The field of `row` under the column `name` ("" when the export has no such column).
    pub fn get<'r>(&self, row: &'r Row, name: &str) -> &'r str {
        self.header
            .iter()
            .position(|h| h == name)
            .and_then(|i| row.record.get(i))
            .unwrap_or("")
    }

    /// `get`, `None` when empty.
    pub fn opt(&self, row: &Row, name: &str) -> Option<String> {
        let v = self.get(row, name).trim();
        (!v.is_empty()).then(|| v.to_string())
    }
}

fn csv_error(e: csv::Error, format: Format) -> ImportError {
    let at = e
        .position()
        .map(|p| format!("line {}", p.line()))
        .unwrap_or_else(|| "the header".into());
    let reason = match e.kind() {
        ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len} (a cut or mangled row)"),
        ErrorKind::Utf8 { .. } => "not UTF-8 text".into(),
        _ => e.to_string(),
    };
    ImportError::Broken { format, at, reason }
}
