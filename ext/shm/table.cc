/* Surge\Table: the PHP face of SharedTable (src/shm/shared_table.h). Values are checked
 * and converted before the row is locked, and rows are copied out under the lock and
 * turned into PHP values after it, so no PHP code (and no allocation that could bail out)
 * ever runs while a row of the shared table is locked. */
#include <memory>
#include <string>
#include <vector>

#include "core/boundary.h"
#include "shm/shared_table.h"
#include "shm/shm_classes.h"

extern "C" {
#include "zend_exceptions.h"
#include "zend_interfaces.h"
}

#include "arginfo/Table_arginfo.h"

namespace surge::ext {

zend_class_entry* table_ce = nullptr;

namespace {

constexpr const char* kClass = "Surge\\Table";

struct TableState {
  SharedTable table;
  // foreach: the rows of the current bucket, copied out, and where we are in them.
  std::vector<SharedTable::Entry> batch;
  size_t pos = 0;
  size_t nextBucket = 0;
  explicit TableState(zend_long size) : table(static_cast<uint64_t>(size)) {}
};

struct TableObject {
  TableState* state;
  zend_object std;
};

zend_object_handlers g_handlers;

TableObject* fromObj(zend_object* obj) {
  return reinterpret_cast<TableObject*>(reinterpret_cast<char*>(obj) -
                                        XtOffsetOf(TableObject, std));
}

zend_object* createObject(zend_class_entry* ce) {
  auto* o = static_cast<TableObject*>(zend_object_alloc(sizeof(TableObject), ce));
  o->state = nullptr;
  zend_object_std_init(&o->std, ce);
  object_properties_init(&o->std, ce);
  o->std.handlers = &g_handlers;
  return &o->std;
}

// Unmaps this process's view of the table (other processes keep theirs).
void freeObject(zend_object* obj) {
  TableObject* o = fromObj(obj);
  delete o->state;
  o->state = nullptr;
  zend_object_std_dtor(obj);
}

TableState* stateOf(zval* self) {
  TableState* s = fromObj(Z_OBJ_P(self))->state;
  if (s == nullptr) throw TableError("the table was not constructed: call new Table($size)");
  return s;
}

// Runs fn, turning a TableError into the PHP exception. Returns false if it threw.
template <class Fn>
bool tableCall(Fn&& fn) {
  try {
    fn();
    return true;
  } catch (const TableError& e) {
    throwShmError(kClass, e.what());
    return false;
  }
}

std::string columnList(const SharedTable& t) {
  std::string names;
  for (const auto& c : t.columns()) {
    if (!names.empty()) names += ", ";
    names += c.name;
  }
  return names;
}

const SharedTable::Column* requireColumn(const SharedTable& t, std::string_view name) {
  const SharedTable::Column* c = t.column(name);
  if (c == nullptr) {
    throw TableError("unknown column \"" + std::string(name) +
                     "\" (the columns are: " + columnList(t) + ")");
  }
  return c;
}

// A copy of one row's data, reused by every get() of the process.
std::string& rowBuffer(const SharedTable& t) {
  static std::string buffer;
  if (buffer.size() < t.rowDataSize()) buffer.resize(t.rowDataSize());
  return buffer;
}

void columnValue(const char* data, const SharedTable::Column& c, zval* out) {
  switch (c.type) {
    case SharedTable::ColumnType::kInt:
      ZVAL_LONG(out, SharedTable::readInt(data, c));
      break;
    case SharedTable::ColumnType::kFloat:
      ZVAL_DOUBLE(out, SharedTable::readFloat(data, c));
      break;
    case SharedTable::ColumnType::kString: {
      std::string_view s = SharedTable::readString(data, c);
      ZVAL_STRINGL_FAST(out, s.data(), s.size());
      break;
    }
  }
}

void rowArray(const SharedTable& t, const char* data, zval* out) {
  array_init_size(out, static_cast<uint32_t>(t.columns().size()));
  for (const auto& c : t.columns()) {
    zval v;
    columnValue(data, c, &v);
    zend_hash_str_add_new(Z_ARRVAL_P(out), c.name.data(), c.name.size(), &v);
  }
}

void fetchBatch(TableState* s) {
  s->batch.clear();
  s->pos = 0;
  while (s->batch.empty() && s->nextBucket < s->table.bucketCount()) {
    s->nextBucket = s->table.readBucket(s->nextBucket, s->batch);
  }
}

template <bool kDecrement>
void incrOrDecr(INTERNAL_FUNCTION_PARAMETERS) {
  zend_string* key;
  zend_string* column;
  zval* by = nullptr;
  ZEND_PARSE_PARAMETERS_START(2, 3)
  Z_PARAM_STR(key)
  Z_PARAM_STR(column)
  Z_PARAM_OPTIONAL
  Z_PARAM_NUMBER(by)
  ZEND_PARSE_PARAMETERS_END();
  TableState* s = stateOf(ZEND_THIS);
  tableCall([&] {
    const SharedTable::Column* c = requireColumn(s->table, ZSTR_VAL(column));
    std::string_view k(ZSTR_VAL(key), ZSTR_LEN(key));
    if (c->type == SharedTable::ColumnType::kInt) {
      zend_long delta = by == nullptr ? 1 : zval_get_long(by);
      int64_t result;
      s->table.incr(k, *c, kDecrement ? -static_cast<int64_t>(delta) : delta, &result);
      RETVAL_LONG(result);
    } else if (c->type == SharedTable::ColumnType::kFloat) {
      double delta = by == nullptr ? 1.0 : zval_get_double(by);
      double result;
      s->table.incr(k, *c, kDecrement ? -delta : delta, &result);
      RETVAL_DOUBLE(result);
    } else {
      throw TableError("column \"" + c->name +
                       "\" is a string: incr() and decr() need a "
                       "TYPE_INT or TYPE_FLOAT column");
    }
  });
}

}  // namespace

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

SURGE_METHOD(Surge_Table, __construct) {
  zend_long size;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_LONG(size)
  ZEND_PARSE_PARAMETERS_END();
  TableObject* o = fromObj(Z_OBJ_P(ZEND_THIS));
  if (o->state != nullptr) {
    throwShmError(kClass, "the table is constructed already");
    return;
  }
  if (size < 1 || static_cast<uint64_t>(size) > SharedTable::kMaxCapacity) {
    zend_argument_value_error(1, "must be between 1 and %u (the number of rows)",
                              SharedTable::kMaxCapacity);
    return;
  }
  o->state = new TableState(size);
}

SURGE_METHOD(Surge_Table, column) {
  zend_string* name;
  zend_long type;
  zend_long size = 0;
  ZEND_PARSE_PARAMETERS_START(2, 3)
  Z_PARAM_STR(name)
  Z_PARAM_LONG(type)
  Z_PARAM_OPTIONAL
  Z_PARAM_LONG(size)
  ZEND_PARSE_PARAMETERS_END();
  TableState* s = stateOf(ZEND_THIS);
  if (type < 1 || type > 3) {
    zend_argument_value_error(2,
                              "must be Table::TYPE_INT, Table::TYPE_FLOAT or Table::TYPE_STRING");
    return;
  }
  RETVAL_BOOL(tableCall([&] {
    s->table.addColumn(std::string_view(ZSTR_VAL(name), ZSTR_LEN(name)),
                       static_cast<SharedTable::ColumnType>(type),
                       size < 0 ? 0 : static_cast<uint64_t>(size));
  }));
}

SURGE_METHOD(Surge_Table, create) {
  ZEND_PARSE_PARAMETERS_NONE();
  TableState* s = stateOf(ZEND_THIS);
  RETVAL_BOOL(tableCall([&] { s->table.create(); }));
}

SURGE_METHOD(Surge_Table, set) {
  zend_string* key;
  HashTable* value;
  ZEND_PARSE_PARAMETERS_START(2, 2)
  Z_PARAM_STR(key)
  Z_PARAM_ARRAY_HT(value)
  ZEND_PARSE_PARAMETERS_END();
  TableState* s = stateOf(ZEND_THIS);
  if (!s->table.created()) {
    throwShmError(kClass, "the table is not created yet: call create() first");
    return;
  }
  std::vector<SharedTable::Value> values;
  std::vector<zend_string*> temporaries;  // strings converted from other types
  values.reserve(zend_hash_num_elements(value));
  bool ok = tableCall([&] {
    zend_string* name;
    zend_ulong index;
    zval* v;
    ZEND_HASH_FOREACH_KEY_VAL(value, index, name, v) {
      std::string colName =
          name ? std::string(ZSTR_VAL(name), ZSTR_LEN(name)) : std::to_string(index);
      const SharedTable::Column* c = requireColumn(s->table, colName);
      ZVAL_DEREF(v);
      SharedTable::Value out{c};
      if (c->type == SharedTable::ColumnType::kInt) {
        out.i = zval_get_long(v);
      } else if (c->type == SharedTable::ColumnType::kFloat) {
        out.d = zval_get_double(v);
      } else if (Z_TYPE_P(v) == IS_STRING) {
        out.s = std::string_view(Z_STRVAL_P(v), Z_STRLEN_P(v));
      } else {
        zend_string* str = zval_try_get_string(v);
        if (str == nullptr) return;  // the exception of the failed conversion is pending
        temporaries.push_back(str);
        out.s = std::string_view(ZSTR_VAL(str), ZSTR_LEN(str));
      }
      values.push_back(out);
    }
    ZEND_HASH_FOREACH_END();
    s->table.set(std::string_view(ZSTR_VAL(key), ZSTR_LEN(key)), values.data(), values.size());
  });
  for (zend_string* str : temporaries) zend_string_release(str);
  RETVAL_BOOL(ok && !EG(exception));
}

SURGE_METHOD(Surge_Table, get) {
  zend_string* key;
  zend_string* column = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(key)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR_OR_NULL(column)
  ZEND_PARSE_PARAMETERS_END();
  TableState* s = stateOf(ZEND_THIS);
  tableCall([&] {
    const SharedTable::Column* c =
        column ? requireColumn(s->table, std::string_view(ZSTR_VAL(column), ZSTR_LEN(column)))
               : nullptr;
    std::string& buffer = rowBuffer(s->table);
    if (!s->table.get(std::string_view(ZSTR_VAL(key), ZSTR_LEN(key)), buffer.data())) {
      RETVAL_FALSE;
    } else if (c != nullptr) {
      columnValue(buffer.data(), *c, return_value);
    } else {
      rowArray(s->table, buffer.data(), return_value);
    }
  });
}

SURGE_METHOD(Surge_Table, exists) {
  zend_string* key;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(key)
  ZEND_PARSE_PARAMETERS_END();
  TableState* s = stateOf(ZEND_THIS);
  tableCall([&] { RETVAL_BOOL(s->table.exists(std::string_view(ZSTR_VAL(key), ZSTR_LEN(key)))); });
}

SURGE_METHOD(Surge_Table, del) {
  zend_string* key;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(key)
  ZEND_PARSE_PARAMETERS_END();
  TableState* s = stateOf(ZEND_THIS);
  tableCall([&] { RETVAL_BOOL(s->table.del(std::string_view(ZSTR_VAL(key), ZSTR_LEN(key)))); });
}

SURGE_METHOD(Surge_Table, incr) {
  incrOrDecr<false>(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

SURGE_METHOD(Surge_Table, decr) {
  incrOrDecr<true>(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

SURGE_METHOD(Surge_Table, count) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_LONG(static_cast<zend_long>(stateOf(ZEND_THIS)->table.count()));
}

SURGE_METHOD(Surge_Table, getSize) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_LONG(static_cast<zend_long>(stateOf(ZEND_THIS)->table.capacity()));
}

SURGE_METHOD(Surge_Table, getMemorySize) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_LONG(static_cast<zend_long>(stateOf(ZEND_THIS)->table.memorySize()));
}

SURGE_METHOD(Surge_Table, rewind) {
  ZEND_PARSE_PARAMETERS_NONE();
  TableState* s = stateOf(ZEND_THIS);
  tableCall([&] {
    s->nextBucket = 0;
    if (s->table.created()) {
      fetchBatch(s);
    } else {
      s->batch.clear();
      s->pos = 0;
    }
  });
}

SURGE_METHOD(Surge_Table, valid) {
  ZEND_PARSE_PARAMETERS_NONE();
  TableState* s = stateOf(ZEND_THIS);
  RETURN_BOOL(s->pos < s->batch.size());
}

SURGE_METHOD(Surge_Table, current) {
  ZEND_PARSE_PARAMETERS_NONE();
  TableState* s = stateOf(ZEND_THIS);
  if (s->pos >= s->batch.size()) RETURN_FALSE;
  rowArray(s->table, s->batch[s->pos].data.data(), return_value);
}

SURGE_METHOD(Surge_Table, key) {
  ZEND_PARSE_PARAMETERS_NONE();
  TableState* s = stateOf(ZEND_THIS);
  if (s->pos >= s->batch.size()) RETURN_FALSE;
  const std::string& k = s->batch[s->pos].key;
  RETURN_STRINGL(k.data(), k.size());
}

SURGE_METHOD(Surge_Table, next) {
  ZEND_PARSE_PARAMETERS_NONE();
  TableState* s = stateOf(ZEND_THIS);
  if (++s->pos >= s->batch.size()) tableCall([&] { fetchBatch(s); });
}

namespace surge::ext {

void registerTableClass() {
  table_ce = register_class_Surge_Table(zend_ce_iterator, zend_ce_countable);
  table_ce->create_object = createObject;
  memcpy(&g_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
  g_handlers.offset = XtOffsetOf(TableObject, std);
  g_handlers.free_obj = freeObject;
  g_handlers.clone_obj = nullptr;  // one mapping per object; share the object instead
}

}  // namespace surge::ext
