(module (func (export "v") (result i32)
  (drop (v128.const i32x4 1 2 3 4)) (i32.const 0)))
