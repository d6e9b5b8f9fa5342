(module
  (type $t (func (result i32)))
  (table 2 funcref)
  (memory (export "memory") 1)
  (func (export "_start") (drop (call_indirect (type $t) (i32.const 5)))))
