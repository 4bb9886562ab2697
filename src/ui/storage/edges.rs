//! The edges between two columns of the graph, drawn in a gutter three
//! columns wide. Rows that share a node are joined: one pod with two claims
//! fans out (`─┬▶` then `└▶`), two pods on one claim or many volumes of one
//! class fan in (`─┬▶` then `─┘`).

/// One side of an edge in one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// No node in this column on this row.
    None,
    /// A node drawn on this row.
    New,
    /// The node of the row above, not drawn again.
    Same,
}

/// A row's two ends, and the next row's (to know whether the join goes on).
#[derive(Debug, Clone, Copy)]
pub struct Gutter {
    pub left: End,
    pub right: End,
    pub next_left: End,
    pub next_right: End,
}

impl Gutter {
    /// Whether the next row joins this one's bus.
    fn joined_below(&self) -> bool {
        let next_has_both = self.next_left != End::None && self.next_right != End::None;
        next_has_both && (self.next_left == End::Same) != (self.next_right == End::Same)
    }

    /// The gutter on the row's first line.
    pub fn first_line(&self) -> &'static str {
        use End::*;
        let below = self.joined_below();
        match (self.left, self.right) {
            (None, _) | (_, None) | (Same, Same) => "   ",
            (New, New) if below => "─┬▶",
            (New, New) => "──▶",
            // One left node, many right: this row is a branch of it.
            (Same, New) if below => " ├▶",
            (Same, New) => " └▶",
            // Many left nodes, one right: this row joins it.
            (New, Same) if below => "─┤ ",
            (New, Same) => "─┘ ",
        }
    }

    /// The gutter on the row's other lines: the bus goes on down, or not.
    pub fn other_lines(&self) -> &'static str {
        let has_edge = self.left != End::None && self.right != End::None;
        if has_edge && self.joined_below() {
            " │ "
        } else {
            "   "
        }
    }
}

#[cfg(test)]
mod tests {
    use super::End::*;
    use super::*;

    fn column(rows: &[(End, End)]) -> Vec<&'static str> {
        (0..rows.len())
            .map(|i| {
                let (next_left, next_right) = rows.get(i + 1).copied().unwrap_or((None, None));
                Gutter {
                    left: rows[i].0,
                    right: rows[i].1,
                    next_left,
                    next_right,
                }
                .first_line()
            })
            .collect()
    }

    #[test]
    fn shared_nodes_are_joined_and_others_are_not() {
        // web-0 with two claims, then web-1 with one.
        assert_eq!(
            column(&[(New, New), (Same, New), (New, New)]),
            ["─┬▶", " └▶", "──▶"]
        );
        // Three volumes of one class, then a volume of another.
        assert_eq!(
            column(&[(New, New), (New, Same), (New, Same), (New, New)]),
            ["─┬▶", "─┤ ", "─┘ ", "──▶"]
        );
        // A kept claim (no pod), then a pod.
        assert_eq!(column(&[(None, New), (New, New)]), ["   ", "──▶"]);
        let bus = Gutter {
            left: New,
            right: New,
            next_left: New,
            next_right: Same,
        };
        assert_eq!(bus.other_lines(), " │ ");
        let alone = Gutter {
            next_right: New,
            ..bus
        };
        assert_eq!(alone.other_lines(), "   ");
    }
}
