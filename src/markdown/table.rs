//! Table cells whose column alignment is a class, not a `style` attribute.
//!
//! pulldown-cmark writes `style="text-align: right"` for a column written `|--:|`, but every
//! page's Content-Security-Policy allows only the pack's own stylesheets, which also blocks
//! style attributes, so browsers would drop the alignment. The theme's stylesheet styles the
//! classes `align-left`, `align-center` and `align-right` instead.

use pulldown_cmark::Alignment;

/// Where the renderer is in a table: the columns' alignments, whether the cells are header
/// cells, and the next cell's column.
#[derive(Debug, Default)]
pub(crate) struct TableCells {
    alignments: Vec<Alignment>,
    head: bool,
    column: usize,
}

impl TableCells {
    /// A table with these column alignments.
    pub(crate) fn new(alignments: &[Alignment]) -> Self {
        Self {
            alignments: alignments.to_vec(),
            ..Self::default()
        }
    }

    /// Starts a row: the header row when `head`.
    pub(crate) fn start_row(&mut self, head: bool) {
        self.head = head;
        self.column = 0;
    }

    /// The opening tag of the next cell (pulldown-cmark writes the closing one).
    pub(crate) fn open_cell(&mut self) -> String {
        let tag = if self.head { "th" } else { "td" };
        let class = match self.alignments.get(self.column) {
            Some(Alignment::Left) => " class=\"align-left\"",
            Some(Alignment::Center) => " class=\"align-center\"",
            Some(Alignment::Right) => " class=\"align-right\"",
            Some(Alignment::None) | None => "",
        };
        self.column += 1;
        format!("<{tag}{class}>")
    }
}
