//! Where a run of rows (a list's items, a grid's rows) breaks across pages, so that no page
//! starts or ends a run with one or two rows alone: the widow and orphan rule of typesetting,
//! counted in rows rather than lines.

/// The fewest rows of a run a page may hold at its foot (the run's start) or its head (the
/// run's end). A run shorter than twice this is kept whole when it fits on one page.
pub const MIN_ROWS: usize = 3;

/// The rows that start a new page, given their heights, the room left on the current page and
/// a full page's room (`repeat` is what each new page repeats first, a grid's header).
///
/// Greedy: as many rows as fit, then moved back so that neither side of a break holds fewer
/// than [`MIN_ROWS`]. When that cannot be met (a page too short for the rows), rows that fit
/// are placed as they come: nothing is ever dropped or drawn past the foot when it fits.
/// The first index may be 0: the whole run starts on the next page.
pub fn plan(heights: &[f32], room: f32, page: f32, repeat: f32) -> Vec<usize> {
    let n = heights.len();
    let mut breaks = Vec::new();
    let mut start = 0;
    let mut left = room;
    // A fresh page: what `left` is right after a break.
    let fresh = page - repeat;
    while start < n {
        let mut end = start;
        let mut used = 0.0;
        while end < n && used + heights[end] <= left {
            used += heights[end];
            end += 1;
        }
        if end == n {
            break;
        }
        let on_fresh_page = left >= fresh;
        if end == start {
            // Not even one row fits here: a fresh page (a row taller than a page is placed
            // alone and runs past the foot, as the other writers would clip it).
            if on_fresh_page {
                end = start + 1;
            }
        } else {
            // Widows: leave at least MIN_ROWS for the next page.
            if n - end < MIN_ROWS {
                end = n.saturating_sub(MIN_ROWS).max(start);
            }
            // Orphans: at least MIN_ROWS here, or none at all.
            if end - start < MIN_ROWS && !on_fresh_page {
                end = start;
            } else if end == start && on_fresh_page {
                // A fresh page that cannot meet both rules: fill it.
                end = start + 1;
            }
        }
        if end >= n {
            break;
        }
        breaks.push(end);
        start = end;
        left = fresh;
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_that_fits_never_breaks() {
        assert!(plan(&[10.0; 5], 60.0, 100.0, 0.0).is_empty());
    }

    #[test]
    fn no_page_starts_or_ends_a_run_with_one_or_two_rows() {
        // 4 rows fit here, 10 on a fresh page: 4 + 6.
        assert_eq!(plan(&[10.0; 10], 45.0, 100.0, 0.0), vec![4]);
        // 9 rows fit here of 10: 7 here, 3 on the next page (no widow of 1).
        assert_eq!(plan(&[10.0; 10], 95.0, 100.0, 0.0), vec![7]);
        // 2 fit here: the run starts on the next page (no orphan of 2).
        assert_eq!(plan(&[10.0; 10], 25.0, 100.0, 0.0), vec![0]);
        // Long runs: every page holds 3 or more.
        let breaks = plan(&[10.0; 23], 35.0, 100.0, 10.0);
        let mut bounds = vec![0];
        bounds.extend(&breaks);
        bounds.push(23);
        assert!(
            bounds.windows(2).all(|w| w[1] - w[0] >= MIN_ROWS),
            "{breaks:?}"
        );
    }

    #[test]
    fn a_short_run_moves_whole() {
        // 5 rows, 4 fit: breaking would leave 1 alone, and 4 − 2 would leave 2 here.
        assert_eq!(plan(&[10.0; 5], 45.0, 100.0, 0.0), vec![0]);
    }

    #[test]
    fn rows_taller_than_a_page_still_come_out_one_per_page() {
        assert_eq!(plan(&[150.0, 150.0], 20.0, 100.0, 0.0), vec![0, 1]);
    }
}
