;; Declares 1000 pages (62.5 MiB) up front.
(module (memory (export "memory") 1000))
