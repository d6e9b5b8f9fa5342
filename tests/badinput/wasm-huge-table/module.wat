(module
  (table 1000000000 funcref)
  (memory (export "memory") 1)
  (func (export "_start")))
