//! One declarative macro for the builder setters of request types, so that each kind of
//! setter (add ids, add strings, set a value, set a text) is written once and every builder
//! only lists which setters it has, with their docs.

/// Writes builder setters that fill a field of `self` (or of `self.state`) and return `self`.
///
/// The input is `self;` or `self.state;`, then entries `/// docs` (and any other attributes,
/// such as `#[must_use]`) followed by `kind name(param: Type) => field;`, with the kinds:
/// - `extend`: `name(param: impl IntoIterator<Item = Type>)` extends the `Vec` field;
/// - `extend_into`: `name<S: Into<String>>(param: impl IntoIterator<Item = S>)` extends a
///   `Vec<String>` field (write the parameter without a type);
/// - `push`: `name(param: Type)` pushes onto the `Vec` field;
/// - `push_into`: `name(param: impl Into<Type>)` pushes `param.into()` (`String` without a type);
/// - `set`: `name(param: Type)` stores `Some(param)`;
/// - `set_into`: `name(param: impl Into<Type>)` stores `Some(param.into())` (`String` without a
///   type).
macro_rules! setters {
    (self.$state:ident; $($entries:tt)*) => {
        $crate::common::setters::setters!(@all [.$state] $($entries)*);
    };
    (self; $($entries:tt)*) => {
        $crate::common::setters::setters!(@all [] $($entries)*);
    };
    (@all $state:tt
        $($(#[$doc:meta])* $kind:ident $name:ident($param:ident $(: $ty:ty)?) => $field:ident;)*
    ) => {
        $($crate::common::setters::setters!(
            @one $state $(#[$doc])* $kind $name($param [$($ty)?]) => $field
        );)*
    };
    (@one [$($state:tt)*] $(#[$doc:meta])*
        extend $name:ident($param:ident [$ty:ty]) => $field:ident
    ) => {
        $(#[$doc])*
        pub fn $name(mut self, $param: impl IntoIterator<Item = $ty>) -> Self {
            self$($state)*.$field.extend($param);
            self
        }
    };
    (@one [$($state:tt)*] $(#[$doc:meta])*
        extend_into $name:ident($param:ident []) => $field:ident
    ) => {
        $(#[$doc])*
        pub fn $name<S: Into<String>>(mut self, $param: impl IntoIterator<Item = S>) -> Self {
            self$($state)*.$field.extend($param.into_iter().map(Into::into));
            self
        }
    };
    (@one [$($state:tt)*] $(#[$doc:meta])*
        push $name:ident($param:ident [$ty:ty]) => $field:ident
    ) => {
        $(#[$doc])*
        pub fn $name(mut self, $param: $ty) -> Self {
            self$($state)*.$field.push($param);
            self
        }
    };
    (@one [$($state:tt)*] $(#[$doc:meta])*
        push_into $name:ident($param:ident [$($ty:ty)?]) => $field:ident
    ) => {
        $(#[$doc])*
        pub fn $name(
            mut self,
            $param: impl Into<$crate::common::setters::setters!(@or_string $($ty)?)>,
        ) -> Self {
            self$($state)*.$field.push($param.into());
            self
        }
    };
    (@one [$($state:tt)*] $(#[$doc:meta])*
        set $name:ident($param:ident [$ty:ty]) => $field:ident
    ) => {
        $(#[$doc])*
        pub fn $name(mut self, $param: $ty) -> Self {
            self$($state)*.$field = Some($param);
            self
        }
    };
    (@one [$($state:tt)*] $(#[$doc:meta])*
        set_into $name:ident($param:ident [$($ty:ty)?]) => $field:ident
    ) => {
        $(#[$doc])*
        pub fn $name(
            mut self,
            $param: impl Into<$crate::common::setters::setters!(@or_string $($ty)?)>,
        ) -> Self {
            self$($state)*.$field = Some($param.into());
            self
        }
    };
    (@or_string) => { String };
    (@or_string $ty:ty) => { $ty };
}

pub(crate) use setters;
