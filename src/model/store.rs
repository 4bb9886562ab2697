//! The store: every object the watches delivered, one table per kind. The
//! [`resources!`] list of kinds makes the tables, the [`Resource`] impls
//! that find an object's table, and what needs a match over every kind
//! (`Object::kind`, `Store::keys_of`), so storing, listing and removing are
//! written once, generically. What the model does besides storing (its
//! index, history and narration) is in its hooks, for the kinds that need them.

use std::collections::BTreeMap;

use super::key::{Key, Kind};
use super::object::{
    ControllerRevision, EndpointSlice, Event, Meta, Namespace, Object, PersistentVolume,
    PersistentVolumeClaim, Pod, Service, StatefulSet, StorageClass,
};

/// An object of one kind: what the model and the watches need of any of
/// them, and its table in the store.
pub trait Resource: Clone + std::fmt::Debug + serde::de::DeserializeOwned + Send + 'static {
    const KIND: Kind;
    fn meta(&self) -> &Meta;
    fn wrap(self) -> Object;
    fn table(store: &Store) -> &BTreeMap<Key, Self>;
    fn table_mut(store: &mut Store) -> &mut BTreeMap<Key, Self>;
}

/// One line per kind: its type (a variant of [`Object`] and of [`Kind`]
/// of the same name) and its table in the [`Store`].
macro_rules! resources {
    ($($variant:ident => $table:ident),* $(,)?) => {
        /// Every object the watches delivered, by kind.
        #[derive(Debug, Default, Clone)]
        pub struct Store {
            $(pub $table: BTreeMap<Key, $variant>,)*
        }

        $(impl Resource for $variant {
            const KIND: Kind = Kind::$variant;
            fn meta(&self) -> &Meta {
                &self.metadata
            }
            fn wrap(self) -> Object {
                Object::$variant(self)
            }
            fn table(store: &Store) -> &BTreeMap<Key, Self> {
                &store.$table
            }
            fn table_mut(store: &mut Store) -> &mut BTreeMap<Key, Self> {
                &mut store.$table
            }
        })*

        impl Object {
            pub fn kind(&self) -> Kind {
                match self {
                    $(Object::$variant(_) => Kind::$variant,)*
                }
            }

            pub fn meta(&self) -> &Meta {
                match self {
                    $(Object::$variant(o) => &o.metadata,)*
                }
            }
        }

        impl Store {
            /// The keys of every object of `kind` it holds.
            pub fn keys_of(&self, kind: Kind) -> Vec<Key> {
                match kind {
                    $(Kind::$variant => self.$table.keys().cloned().collect(),)*
                }
            }
        }
    };
}

resources!(
    StatefulSet => statefulsets,
    Pod => pods,
    PersistentVolumeClaim => claims,
    PersistentVolume => volumes,
    StorageClass => classes,
    Service => services,
    EndpointSlice => endpoint_slices,
    ControllerRevision => revisions,
    Event => events,
    Namespace => namespaces,
);

impl Object {
    pub fn key(&self) -> Key {
        let meta = self.meta();
        Key {
            namespace: meta.namespace.clone(),
            name: meta.name.clone(),
        }
    }
}

impl Store {
    /// Stores an object. None when the store already had this very version
    /// (a relist or a repeated event changes nothing); else the object it
    /// replaced.
    pub fn swap<T: Resource>(&mut self, key: Key, object: T) -> Option<Option<T>> {
        let table = T::table_mut(self);
        if same_version(table.get(&key).map(|o| o.meta()), object.meta()) {
            return None;
        }
        Some(table.insert(key, object))
    }

    /// Removes an object: the one it was, if there was one.
    pub fn take<T: Resource>(&mut self, key: &Key) -> Option<T> {
        T::table_mut(self).remove(key)
    }
}

fn same_version(old: Option<&Meta>, new: &Meta) -> bool {
    old.is_some_and(|old| {
        !new.resource_version.is_empty()
            && old.resource_version == new.resource_version
            && old.uid == new.uid
    })
}

/// The objects of one namespace in a store table (keys sort by namespace first).
pub(crate) fn in_namespace<'a, T>(
    map: &'a BTreeMap<Key, T>,
    ns: &'a str,
) -> impl Iterator<Item = (&'a Key, &'a T)> + 'a {
    map.range(Key::new(ns, "")..)
        .take_while(move |(k, _)| k.namespace == ns)
}
