//! The entry editor's state (also used for the sponsor and the intro): text areas for each
//! field, credit suggestions, the disclosure rules' suggestions. Every change produces a save
//! effect at once, so what the screen shows is what the database holds. Its keys are in
//! `keys.rs`.

use crate::model::{Credit, Entry, Issue, Sponsor};
use crate::tui::effects::{EditorFx, Effect, EntryEdit};

pub use super::field::{Field, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Entry(i64),
    Sponsor(i64),
    Intro(i64),
}

#[derive(Debug, Clone)]
pub struct EditorState {
    pub target: Target,
    /// "Entry · Articles #2", "Sponsor of #380".
    pub heading: String,
    pub url: String,
    pub fields: Vec<Field>,
    /// Index into `fields`; `fields.len()` is the list of suggested disclosures.
    pub focus: usize,
    /// What the disclosure rules suggest for the entry's current credit: each is on when the
    /// notes hold it; toggling adds or removes that line of the notes.
    pub suggested: Vec<String>,
    pub suggested_sel: usize,
    /// Past credits matching what is typed in a credit field.
    pub suggestions: Vec<String>,
    pub sugg_idx: usize,
}

impl EditorState {
    fn with_fields(target: Target, heading: String, url: String, fields: Vec<Field>) -> Self {
        EditorState {
            target,
            heading,
            url,
            fields,
            focus: 0,
            suggested: vec![],
            suggested_sel: 0,
            suggestions: vec![],
            sugg_idx: 0,
        }
    }

    pub fn entry(e: &Entry, heading: &str, index: usize) -> EditorState {
        let fields = vec![
            Field::new(Role::Title, e.title.as_deref().unwrap_or("")),
            Field::new(Role::Body, &e.body),
            Field::new(Role::Authors, &e.credit.authors.join(", ")),
            Field::new(
                Role::Publication,
                e.credit.publication.as_deref().unwrap_or(""),
            ),
            Field::new(Role::Via, e.credit.via.as_deref().unwrap_or("")),
            Field::new(Role::Notes, &e.disclosures.join("\n")),
        ];
        let heading = format!("Entry · {heading} #{}", index + 1);
        let mut ed = Self::with_fields(Target::Entry(e.id), heading, e.url.clone(), fields);
        ed.focus = 1;
        ed
    }

    pub fn sponsor(issue: &Issue) -> EditorState {
        let s = issue.sponsor.clone().unwrap_or_default();
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let fields = vec![
            Field::new(Role::SponsorName, &s.name),
            Field::new(Role::SponsorUrl, &opt(&s.url)),
            Field::new(Role::SponsorLinkText, &opt(&s.link_text)),
            Field::new(Role::SponsorMessage, &opt(&s.message)),
        ];
        let heading = format!("Sponsor of #{}", issue.number);
        Self::with_fields(Target::Sponsor(issue.id), heading, String::new(), fields)
    }

    pub fn intro(issue: &Issue) -> EditorState {
        let fields = vec![Field::new(
            Role::Intro,
            issue.intro.as_deref().unwrap_or(""),
        )];
        let heading = format!("Intro of #{}", issue.number);
        Self::with_fields(Target::Intro(issue.id), heading, String::new(), fields)
    }

    /// Only the focused field shows a cursor.
    pub fn refresh_cursors(&mut self) {
        let focus = self.focus;
        for (i, f) in self.fields.iter_mut().enumerate() {
            let style = if i == focus {
                ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
            } else {
                ratatui::style::Style::new()
            };
            f.area.set_cursor_style(style);
        }
    }

    pub fn ready(mut self) -> Self {
        self.refresh_cursors();
        self
    }

    pub(super) fn is_entry(&self) -> bool {
        matches!(self.target, Target::Entry(_))
    }

    /// Focus stops: the fields, then the suggested disclosures when there are any.
    pub(super) fn stops(&self) -> usize {
        self.fields.len() + usize::from(self.is_entry() && !self.suggested.is_empty())
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    pub(super) fn field_mut(&mut self, role: Role) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.role == role)
    }

    pub(super) fn position(&self, role: Role) -> Option<usize> {
        self.fields.iter().position(|f| f.role == role)
    }

    pub(super) fn text_of(&self, role: Role) -> String {
        self.fields
            .iter()
            .find(|f| f.role == role)
            .map(Field::text)
            .unwrap_or_default()
    }

    fn opt(&self, role: Role) -> Option<String> {
        Some(self.text_of(role).trim().to_string()).filter(|s| !s.is_empty())
    }

    /// The disclosure notes: the lines of the notes field.
    pub fn notes(&self) -> Vec<String> {
        self.text_of(Role::Notes)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The credit as typed so far.
    pub fn credit(&self) -> Credit {
        Credit {
            authors: split_authors(&self.text_of(Role::Authors)),
            publication: self.opt(Role::Publication),
            via: self.opt(Role::Via),
        }
    }

    /// The write that makes the database match the screen.
    pub fn save_effect(&self) -> Effect {
        match self.target {
            Target::Entry(entry_id) => EditorFx::SaveEntry {
                entry_id,
                edit: EntryEdit {
                    title: self.opt(Role::Title),
                    body: self.text_of(Role::Body).trim_end().to_string(),
                    credit: self.credit(),
                    disclosures: self.notes(),
                },
            },
            Target::Sponsor(issue_id) => EditorFx::SaveSponsor {
                issue_id,
                sponsor: self.opt(Role::SponsorName).map(|name| Sponsor {
                    name,
                    url: self.opt(Role::SponsorUrl),
                    message: self.opt(Role::SponsorMessage),
                    link_text: self.opt(Role::SponsorLinkText),
                }),
            },
            Target::Intro(issue_id) => EditorFx::SaveIntro {
                issue_id,
                intro: self.opt(Role::Intro),
            },
        }
        .into()
    }

    pub fn set_text(&mut self, field: usize, text: &str) -> Vec<Effect> {
        if let Some(f) = self.fields.get_mut(field) {
            let role = f.role;
            *f = Field::new(role, text.trim_end_matches('\n'));
            self.refresh_cursors();
            return vec![self.save_effect()];
        }
        vec![]
    }

    /// Past credits arrive. The entry's own text was just written through, so the token being
    /// typed comes back as a "past" credit: leave it out, and names already in the field.
    pub fn set_suggestions(&mut self, list: Vec<String>) {
        let text = self.focused().map(Field::text).unwrap_or_default();
        let typed: Vec<String> = text.split(',').map(|t| t.trim().to_lowercase()).collect();
        self.suggestions = list
            .into_iter()
            .filter(|s| !typed.contains(&s.to_lowercase()))
            .collect();
        self.sugg_idx = 0;
    }

    /// What the disclosure rules suggest for the credit as it is now (they follow the credit
    /// as it is edited, and the config as it is changed).
    pub fn set_suggested(&mut self, notes: Vec<String>) {
        self.suggested = notes;
        self.suggested_sel = self
            .suggested_sel
            .min(self.suggested.len().saturating_sub(1));
        if self.focus >= self.stops() {
            self.focus = self.fields.len().saturating_sub(1);
        }
    }

    /// Whether a suggested note is among the entry's notes.
    pub fn has_note(&self, note: &str) -> bool {
        let key = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        self.notes().iter().any(|n| key(n) == key(note))
    }
}

/// "Jane Doe, Ravi Kumar" → ["Jane Doe", "Ravi Kumar"].
pub fn split_authors(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}
