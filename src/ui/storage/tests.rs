//! The graph's rows as drawn, against the views they come from.

use super::*;
use crate::model::{Scope, fixtures};

/// One pass gives what finding the selected row, then making the rows
/// up to it and after it, gives: for every row the timeline can select,
/// and for rows past the end.
#[test]
fn the_rows_drawn_are_those_up_to_the_selected_one_and_after_it() {
    let mut model = Model::new(Scope::default());
    for event in fixtures::ready_statefulset(12) {
        model.apply(event);
    }
    let key = fixtures::sts_key();
    let timeline = views::timeline_of(&model, &key);
    let mut view = ViewState::default();
    for selected in 0..timeline.len() + 2 {
        view.nav.selected = selected;
        for after in [1, 3, 20] {
            let wanted = selected_of(&model, &view, &key, &timeline);
            let rows: Vec<usize> = views::graph_rows(&model, &key)
                .take(wanted + after)
                .map(|r| r.ordinal.unwrap_or(u32::MAX) as usize)
                .collect();
            let (drawn, at) = rows_to_draw(&model, &view, &key, &timeline, after);
            let drawn: Vec<usize> = drawn
                .iter()
                .map(|r| r.ordinal.unwrap_or(u32::MAX) as usize)
                .collect();
            assert_eq!((drawn, at), (rows, wanted), "row {selected}, {after} after");
        }
    }
}
