//! The one list cursor every list screen uses (inbox, issue, section picker, check panel,
//! archive, help): a selected row and the first row on screen, moved by the navigation
//! actions and kept in view.

use super::action::Action;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    /// The selected row.
    pub selected: usize,
    /// The first row on screen.
    pub offset: usize,
}

impl ListCursor {
    /// Moves for a navigation action over `len` rows with `page` rows on screen; false when
    /// `action` is not a navigation action (the caller handles it).
    pub fn navigate(&mut self, action: Action, len: usize, page: usize) -> bool {
        let last = len.saturating_sub(1);
        let sel = self.selected;
        self.selected = match action {
            Action::Up => sel.saturating_sub(1),
            Action::Down => (sel + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::PageUp => sel.saturating_sub(page.max(1)),
            Action::PageDown => (sel + page.max(1)).min(last),
            _ => return false,
        };
        self.scroll_into_view(page);
        true
    }

    /// Selects row `i` and scrolls it into a page of `page` rows.
    pub fn select(&mut self, i: usize, page: usize) {
        self.selected = i;
        self.scroll_into_view(page);
    }

    /// Keeps the selection on a row that exists after the list changed to `len` rows.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        self.offset = self.offset.min(self.selected);
    }

    /// Back to the first row.
    pub fn reset(&mut self) {
        *self = ListCursor::default();
    }

    pub fn scroll_into_view(&mut self, page: usize) {
        let page = page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_clamp_and_keep_the_selection_in_view() {
        let mut c = ListCursor::default();
        assert!(c.navigate(Action::Down, 10, 3));
        assert!(c.navigate(Action::PageDown, 10, 3));
        assert_eq!((c.selected, c.offset), (4, 2));
        assert!(c.navigate(Action::Bottom, 10, 3));
        assert_eq!((c.selected, c.offset), (9, 7));
        assert!(c.navigate(Action::Down, 10, 3));
        assert_eq!(c.selected, 9);
        assert!(c.navigate(Action::Top, 10, 3));
        assert_eq!((c.selected, c.offset), (0, 0));
        assert!(!c.navigate(Action::Place, 10, 3));
        c.select(6, 3);
        c.clamp(2);
        assert_eq!((c.selected, c.offset), (1, 1));
        assert!(c.navigate(Action::Up, 0, 3));
        assert_eq!(c.selected, 0);
    }
}
