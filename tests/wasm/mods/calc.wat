;; No imports: for wasmi_invoke's tests.
(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "mix") (param i64 f64) (result i64 f64 f32)
    (local.get 0) (local.get 1) (f32.const 1.5)))
