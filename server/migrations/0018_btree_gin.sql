-- btree_gin: GIN opclasses for plain columns, so one GIN index can hold the tasks' visibility
-- columns beside their text pieces (0019) and a search scoped to a department or a person
-- intersects the two inside the index. A trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gin;
