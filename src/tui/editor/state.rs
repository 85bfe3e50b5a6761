//! The entry editor's state (also used for the sponsor and the intro): text areas for each
//! field, credit suggestions, disclosure toggles. Every change produces a save effect at
//! once, so what the screen shows is what the database holds. Its keys are in `keys.rs`.

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
    /// Index into `fields`; `fields.len()` is the disclosure list.
    pub focus: usize,
    /// Disclosure notes: current ones checked, rule suggestions unchecked until toggled.
    pub disclosures: Vec<(String, bool)>,
    pub disc_sel: usize,
    pub suggestions: Vec<String>,
    pub sugg_idx: usize,
}

impl EditorState {
    pub fn entry(e: &Entry, heading: &str, index: usize) -> EditorState {
        let mut fields = vec![
            Field::new(Role::Title, e.title.as_deref().unwrap_or("")),
            Field::new(Role::Blurb, &e.blurb),
        ];
        fields.extend(
            e.quotes
                .iter()
                .enumerate()
                .map(|(i, q)| Field::new(Role::Quote(i), q)),
        );
        fields.push(Field::new(Role::Authors, &e.credit.authors.join(", ")));
        fields.push(Field::new(
            Role::Publication,
            e.credit.publication.as_deref().unwrap_or(""),
        ));
        fields.push(Field::new(Role::Via, e.credit.via.as_deref().unwrap_or("")));
        EditorState {
            target: Target::Entry(e.id),
            heading: format!("Entry · {heading} #{}", index + 1),
            url: e.url.clone(),
            fields,
            focus: 1,
            disclosures: e.disclosures.iter().map(|d| (d.clone(), true)).collect(),
            disc_sel: 0,
            suggestions: vec![],
            sugg_idx: 0,
        }
    }

    pub fn sponsor(issue: &Issue) -> EditorState {
        let s = issue.sponsor.clone().unwrap_or_default();
        EditorState {
            target: Target::Sponsor(issue.id),
            heading: format!("Sponsor of #{}", issue.number),
            url: String::new(),
            fields: vec![
                Field::new(Role::SponsorName, &s.name),
                Field::new(Role::SponsorUrl, s.url.as_deref().unwrap_or("")),
                Field::new(Role::SponsorMessage, s.message.as_deref().unwrap_or("")),
            ],
            focus: 0,
            disclosures: vec![],
            disc_sel: 0,
            suggestions: vec![],
            sugg_idx: 0,
        }
    }

    pub fn intro(issue: &Issue) -> EditorState {
        EditorState {
            target: Target::Intro(issue.id),
            heading: format!("Intro of #{}", issue.number),
            url: String::new(),
            fields: vec![Field::new(
                Role::Intro,
                issue.intro.as_deref().unwrap_or(""),
            )],
            focus: 0,
            disclosures: vec![],
            disc_sel: 0,
            suggestions: vec![],
            sugg_idx: 0,
        }
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

    pub(super) fn has_disclosures(&self) -> bool {
        matches!(self.target, Target::Entry(_))
    }

    pub(super) fn stops(&self) -> usize {
        self.fields.len() + usize::from(self.has_disclosures())
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    fn text_of(&self, role: Role) -> String {
        self.fields
            .iter()
            .find(|f| f.role == role)
            .map(Field::text)
            .unwrap_or_default()
    }

    fn opt(&self, role: Role) -> Option<String> {
        Some(self.text_of(role).trim().to_string()).filter(|s| !s.is_empty())
    }

    /// The write that makes the database match the screen.
    pub fn save_effect(&self) -> Effect {
        match self.target {
            Target::Entry(entry_id) => EditorFx::SaveEntry {
                entry_id,
                edit: EntryEdit {
                    title: self.opt(Role::Title),
                    blurb: self.text_of(Role::Blurb).trim_end().to_string(),
                    quotes: self
                        .fields
                        .iter()
                        .filter(|f| matches!(f.role, Role::Quote(_)))
                        .map(|f| f.text().trim_end().to_string())
                        .filter(|q| !q.trim().is_empty())
                        .collect(),
                    credit: Credit {
                        authors: split_authors(&self.text_of(Role::Authors)),
                        publication: self.opt(Role::Publication),
                        via: self.opt(Role::Via),
                    },
                    disclosures: self
                        .disclosures
                        .iter()
                        .filter(|(_, on)| *on)
                        .map(|(d, _)| d.clone())
                        .collect(),
                },
            },
            Target::Sponsor(issue_id) => EditorFx::SaveSponsor {
                issue_id,
                sponsor: self.opt(Role::SponsorName).map(|name| Sponsor {
                    name,
                    url: self.opt(Role::SponsorUrl),
                    message: self.opt(Role::SponsorMessage),
                }),
            },
            Target::Intro(issue_id) => EditorFx::SaveIntro {
                issue_id,
                intro: self.opt(Role::Intro),
            },
        }
        .into()
    }

    pub(super) fn renumber_quotes(&mut self) {
        let mut i = 0;
        for f in &mut self.fields {
            if let Role::Quote(_) = f.role {
                f.role = Role::Quote(i);
                i += 1;
            }
        }
    }

    pub fn set_text(&mut self, field: usize, text: &str) -> Vec<Effect> {
        if let Some(f) = self.fields.get_mut(field) {
            let role = f.role;
            *f = Field::new(role, text.trim_end_matches('\n'));
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

    /// Rule suggestions arrive: add those not already present, unchecked.
    pub fn add_suggested(&mut self, notes: Vec<String>) {
        for n in notes {
            if !self.disclosures.iter().any(|(d, _)| *d == n) {
                self.disclosures.push((n, false));
            }
        }
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
