//! What several views read first: a StatefulSet's pods that exist now.

use crate::model::Model;
use crate::model::key::Key;
use crate::model::object::Pod;

/// The StatefulSet's pods that exist now, by ordinal (from the model's index).
pub(super) fn pods_of<'a>(
    model: &'a Model,
    key: &'a Key,
) -> impl Iterator<Item = (u32, &'a Pod)> + 'a {
    model.index.pods_of(key).filter_map(move |(ordinal, name)| {
        model
            .store
            .pods
            .get(&Key::new(&key.namespace, name))
            .map(|p| (ordinal, p))
    })
}
