//! The mailing tools `roundup push` knows, by the names the CLI and the config file use.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    Ghost,
    Buttondown,
    Listmonk,
    Kit,
    Mailchimp,
}

impl Service {
    pub const ALL: [Service; 5] = [
        Self::Ghost,
        Self::Buttondown,
        Self::Listmonk,
        Self::Kit,
        Self::Mailchimp,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ghost => "ghost",
            Self::Buttondown => "buttondown",
            Self::Listmonk => "listmonk",
            Self::Kit => "kit",
            Self::Mailchimp => "mailchimp",
        }
    }

    /// The tool's name as it writes it (the TUI's "push as draft to Ghost").
    pub fn label(self) -> &'static str {
        match self {
            Self::Ghost => "Ghost",
            Self::Buttondown => "Buttondown",
            Self::Listmonk => "listmonk",
            Self::Kit => "Kit",
            Self::Mailchimp => "Mailchimp",
        }
    }

    /// How the tool calls what roundup makes there.
    pub(super) fn thing(self) -> &'static str {
        match self {
            Self::Ghost => "post",
            Self::Buttondown => "email",
            Self::Listmonk | Self::Mailchimp => "campaign",
            Self::Kit => "broadcast",
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Service {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .ok_or_else(|| {
                format!("unknown service '{s}' (ghost, buttondown, listmonk, kit, mailchimp)")
            })
    }
}
