; Facts the C front-end reads from tree-sitter-c trees. Capture names are the contract
; with server/aics-core/src/c/facts.rs; a test compiles this file against the grammar.

; Function definitions (also those returning pointers).
(function_definition
  declarator: [
    (function_declarator declarator: (identifier) @function.name)
    (pointer_declarator declarator: (function_declarator declarator: (identifier) @function.name))
    (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @function.name)))
  ]
  body: (compound_statement) @function.body) @function

; Calls by name.
(call_expression
  function: (identifier) @call.name
  arguments: (argument_list) @call.args) @call

; `x.field = v`, `x->field = v`
(assignment_expression
  left: (field_expression argument: (_) @assign.base field: (field_identifier) @assign.field)
  right: (_) @assign.value) @assign

; `x = v`
(assignment_expression
  left: (identifier) @assign.var
  right: (_) @assign.value) @assign

; `{ .field = v }`
(initializer_pair
  designator: (field_designator (field_identifier) @assign.field)
  value: (_) @assign.value) @assign

; `T x = v;`, `static const char x[] = "..."`
(init_declarator
  declarator: (_) @init.declarator
  value: (_) @init.value) @init
