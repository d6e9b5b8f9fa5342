;; Unbounded recursion and an endless loop: both must stop cleanly.
(module
  (func $rec (export "rec") (param i32) (result i32)
    (i32.add (call $rec (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "spin") (result i32) (local i32)
    (loop $l (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br $l))
    (local.get 0)))
