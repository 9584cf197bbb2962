//! One declarative macro for the builder setters of request types, so that each kind of
//! setter (add ids, add strings, set a value, set a text) is written once and every builder
//! only lists which setters it has, with their docs.

/// Writes builder setters that fill a field of `self.$state` and return `self`.
///
/// Each entry is `/// docs` then `kind name(param: Type) => field;`, with the kinds:
/// - `extend`: `name(param: impl IntoIterator<Item = Type>)` extends the `Vec` field;
/// - `extend_into`: `name<S: Into<String>>(param: impl IntoIterator<Item = S>)` extends a
///   `Vec<String>` field (write the parameter without a type);
/// - `set`: `name(param: Type)` stores `Some(param)`;
/// - `set_into`: `name(param: impl Into<String>)` stores `Some(param.into())` (no type).
macro_rules! setters {
    ($state:ident; $($(#[$doc:meta])* $kind:ident $name:ident($param:ident $(: $ty:ty)?) => $field:ident;)*) => {
        $($crate::common::setters::setters!(@one $state, $(#[$doc])* $kind $name($param [$($ty)?]) => $field);)*
    };
    (@one $state:ident, $(#[$doc:meta])* extend $name:ident($param:ident [$ty:ty]) => $field:ident) => {
        $(#[$doc])*
        pub fn $name(mut self, $param: impl IntoIterator<Item = $ty>) -> Self {
            self.$state.$field.extend($param);
            self
        }
    };
    (@one $state:ident, $(#[$doc:meta])* extend_into $name:ident($param:ident []) => $field:ident) => {
        $(#[$doc])*
        pub fn $name<S: Into<String>>(mut self, $param: impl IntoIterator<Item = S>) -> Self {
            self.$state.$field.extend($param.into_iter().map(Into::into));
            self
        }
    };
    (@one $state:ident, $(#[$doc:meta])* set $name:ident($param:ident [$ty:ty]) => $field:ident) => {
        $(#[$doc])*
        pub fn $name(mut self, $param: $ty) -> Self {
            self.$state.$field = Some($param);
            self
        }
    };
    (@one $state:ident, $(#[$doc:meta])* set_into $name:ident($param:ident []) => $field:ident) => {
        $(#[$doc])*
        pub fn $name(mut self, $param: impl Into<String>) -> Self {
            self.$state.$field = Some($param.into());
            self
        }
    };
}

pub(crate) use setters;
