//! Template values made once per render and shown by many items.
//!
//! Turning a view into Tera values allocates a map for each struct and a string for each
//! text longer than a few bytes. Some views repeat across a render: a document's title,
//! address and date on every term page that lists it, its title and author on each of its
//! timeline events, a term's name and address on every document page that mentions it;
//! hundreds of thousands of items on a large pack. Tera's values are reference-counted,
//! and Tera takes a value it meets inside a view as it is instead of converting it again,
//! so a [`Shared`] view is converted once and every further item costs a counter.
//!
//! Only while a view is made into a page's template values (through [`insert_view`]) does a
//! [`Shared`] hand over its value; anything else serialising the view (a fingerprint) sees
//! the plain view, whose form does not depend on the order of Tera's hash maps.

use std::cell::Cell;

use serde::{Serialize, Serializer};
use tera::{Context, Value};

thread_local! {
    /// Whether this thread is making template values through [`insert_view`].
    static MAKING_TEMPLATE_VALUES: Cell<bool> = const { Cell::new(false) };
}

/// Inserts `view` into `context` under `key` as template values, taking each [`Shared`]
/// value in it as it is.
pub fn insert_view<T: Serialize + ?Sized>(context: &mut Context, key: &'static str, view: &T) {
    let before = MAKING_TEMPLATE_VALUES.replace(true);
    context.insert(key, view);
    MAKING_TEMPLATE_VALUES.set(before);
}

/// A view and its template value, made beforehand.
#[derive(Debug)]
pub struct Shared<'a, T: ?Sized> {
    view: &'a T,
    value: &'a Value,
}

impl<T: ?Sized> Clone for Shared<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for Shared<'_, T> {}

impl<'a, T: ?Sized> Shared<'a, T> {
    /// `view`, with `value` made from it by [`template_value`].
    pub fn new(view: &'a T, value: &'a Value) -> Self {
        Self { view, value }
    }
}

impl<T: Serialize + ?Sized> Serialize for Shared<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if MAKING_TEMPLATE_VALUES.get() {
            self.value.serialize(serializer)
        } else {
            self.view.serialize(serializer)
        }
    }
}

/// The template value of `view`, to share through [`Shared`].
pub fn template_value<T: Serialize + ?Sized>(view: &T) -> Value {
    Value::from_serializable(view)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Item<'a> {
        title: Shared<'a, str>,
        count: usize,
    }

    /// An item whose shared value differs from its view, to tell which one was taken.
    fn item<'a>(value: &'a Value) -> Item<'a> {
        Item {
            title: Shared::new("the view", value),
            count: 3,
        }
    }

    fn title(context: &Context) -> String {
        let item = context.get("item").unwrap().as_map().unwrap();
        let title = item.get(&tera::value::Key::Str("title")).unwrap();
        title.as_str().unwrap().to_string()
    }

    #[test]
    fn template_values_take_the_value_made_beforehand() {
        let value = template_value("the value");
        let mut context = Context::new();
        insert_view(&mut context, "item", &item(&value));
        assert_eq!(title(&context), "the value");
    }

    #[test]
    fn anything_else_serialises_the_view() {
        let value = template_value("the value");
        let json = serde_json::to_string(&item(&value)).unwrap();
        assert_eq!(json, r#"{"title":"the view","count":3}"#);
        let mut context = Context::new();
        context.insert("item", &item(&value));
        assert_eq!(title(&context), "the view");
    }
}
