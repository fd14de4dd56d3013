// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::RBTree<K, V>: an ordered map over the kernel's red-black tree
/// (lib/rbtree.c), which owns its nodes (Rust-for-Linux's RBTree).
///
///     kcxx::RBTree<u32, Entry> tree;
///     auto slot = TRY(tree.try_reserve_node(kcxx::GFP_KERNEL));  // may sleep
///     ... take a spinlock ...
///     auto old = tree.insert(std::move(slot), id, Entry{...});   // never allocates
///     if (Entry *e = tree.find(id)) ...
///     kcxx::Option<Entry> gone = tree.remove(id);
///     ... drop the lock ...
///     for (auto [key, value] : tree) ...                         // in key order
///
/// Allocation is split from insertion: try_reserve_node() allocates a node's
/// memory (with GFP flags, fallible); insert() consumes a ReservedNode and
/// only links it, so it cannot fail and can run where allocation cannot
/// (under a spinlock, in atomic context).  There is no insert without a
/// reservation.  A key already present is replaced: insert() returns the old
/// node (an OwnedNode) so that it can be freed after the lock is dropped, or
/// recycled into a reservation.
///
/// Keys are compared with operator<; they are unique.  Iterators and
/// references into the tree are valid until the tree changes.
///
/// The allocator of the nodes is a parameter (kcxx/allocator.h, kmalloc by
/// default).
///
/// INVARIANT (RBTree): root_ is a valid kernel rbtree whose nodes are exactly
/// the Node objects this tree owns, each constructed in memory from A through
/// a ReservedNode, ordered by key without duplicates; len_ is their number.
#pragma once

#include <concepts>
#include <new>
#include <type_traits>
#include <utility>

#include <kcxx/allocator.h>
#include <kcxx/bindings.h>
#include <kcxx/bug.h>
#include <kcxx/gfp.h>
#include <kcxx/option.h>
#include <kcxx/result.h>

namespace kcxx::bindings {

/// Field-by-field mirrors of include/linux/rbtree_types.h, checked against
/// the C compiler's layout (bindings/layout.c).
struct alignas(sizeof(long)) rb_node {
	unsigned long parent_color; // __rb_parent_color
	rb_node *rb_right;
	rb_node *rb_left;
};
struct rb_root {
	rb_node *node; // rb_node
};
static_assert(sizeof(rb_node) == KCXX_SIZEOF_rb_node && alignof(rb_node) == KCXX_ALIGNOF_rb_node);
static_assert(sizeof(rb_root) == KCXX_SIZEOF_rb_root && alignof(rb_root) == KCXX_ALIGNOF_rb_root);

} // namespace kcxx::bindings

namespace kcxx {

namespace detail {
/// Never defined: a call that survives optimisation fails the build.
[[gnu::error("kcxx: use of a moved-from RBTree::ReservedNode (the compiler proved it empty here)")]] void
reservation_used_after_move();
} // namespace detail

template <typename K> concept OrderedKey = requires(const K &a, const K &b) {
	{ a < b } -> std::convertible_to<bool>;
};

/// An ordered map over the kernel's red-black tree, which owns its nodes;
/// nodes can be reserved first, so that insertion never allocates (see
/// kcxx/rbtree.h).
template <OrderedKey K, typename V, typename A = alloc::Kmalloc> class RBTree {
	/// INVARIANT: a Node is linked into at most one tree, through its
	/// rb_node base.
	struct Node : bindings::rb_node {
		Node(K &&k, V &&v) : bindings::rb_node{}, key(std::move(k)), value(std::move(v)) {}
		K key;
		V value;
	};

	static Node *node_of(const bindings::rb_node *n)
	{
		// Every rb_node in the tree is the base of a Node (INVARIANT).
		return static_cast<Node *>(const_cast<bindings::rb_node *>(n));
	}

public:
	/// Memory for one node, allocated but holding no key or value.  Move
	/// only; freed if it is never used.
	///
	/// INVARIANT: memory_ is null (moved-from, consumed) or memory from A
	/// for a Node, holding no live object, owned by this reservation only.
	class ReservedNode {
	public:
		/// Takes over other's memory; other is left empty.
		ReservedNode(ReservedNode &&other) : memory_(std::exchange(other.memory_, nullptr)) {}
		/// Frees this reservation's memory and takes over other's.
		ReservedNode &operator=(ReservedNode &&other)
		{
			if (this != &other) {
				// SAFETY: memory_ is ours and empty (INVARIANT).
				A::free(memory_);
				memory_ = std::exchange(other.memory_, nullptr);
			}
			return *this;
		}
		ReservedNode(const ReservedNode &) = delete;
		ReservedNode &operator=(const ReservedNode &) = delete;
		~ReservedNode()
		{
			// SAFETY: memory_ is ours and empty (INVARIANT); null
			// is ignored.
			A::free(memory_);
		}

	private:
		friend class RBTree;
		explicit ReservedNode(void *memory) : memory_(memory) {}

		[[gnu::always_inline]] void *take()
		{
			void *m = memory_;
			if (__builtin_constant_p(m == nullptr) && m == nullptr)
				detail::reservation_used_after_move();
			if (!m) [[unlikely]]
				panic("use of a moved-from RBTree::ReservedNode");
			memory_ = nullptr;
			return m;
		}

		void *memory_;
	};

	/// A node with its key and value that is in no tree: what insert()
	/// replaced or remove_node() took out.  Dropping it destroys the key
	/// and value and frees the node.
	///
	/// INVARIANT: node_ is null (moved-from) or a live Node in memory from
	/// A that is in no tree, owned by this OwnedNode only.
	class OwnedNode {
	public:
		/// Takes over other's node; other is left empty.
		OwnedNode(OwnedNode &&other) : node_(std::exchange(other.node_, nullptr)) {}
		OwnedNode(const OwnedNode &) = delete;
		OwnedNode &operator=(const OwnedNode &) = delete;
		OwnedNode &operator=(OwnedNode &&) = delete;
		~OwnedNode()
		{
			if (node_) {
				node_->~Node();
				// SAFETY: node_ came from A and is in no tree
				// (INVARIANT); nothing else points to it.
				A::free(node_);
			}
		}

		/// The node's key.
		[[nodiscard]] const K &key() const { return checked()->key; }
		/// The node's value.
		[[nodiscard]] V &value() { return checked()->value; }

		/// The value, moved out; the node is freed.
		[[nodiscard]] V into_value() &&
		{
			Node *n = std::exchange(node_, nullptr);
			if (!n) [[unlikely]]
				panic("use of a moved-from RBTree::OwnedNode");
			V v(std::move(n->value));
			n->~Node();
			// SAFETY: as in the destructor; node_ no longer has it.
			A::free(n);
			return v;
		}

		/// The key and value are destroyed; the memory becomes a
		/// reservation for another insert().
		[[nodiscard]] ReservedNode into_reservation() &&
		{
			Node *n = std::exchange(node_, nullptr);
			if (!n) [[unlikely]]
				panic("use of a moved-from RBTree::OwnedNode");
			n->~Node();
			return ReservedNode(static_cast<void *>(n));
		}

	private:
		friend class RBTree;
		explicit OwnedNode(Node *node) : node_(node) {}
		Node *checked() const
		{
			if (!node_) [[unlikely]]
				panic("use of a moved-from RBTree::OwnedNode");
			return node_;
		}

		Node *node_;
	};

	/// A key and its value, as iteration yields them.  INVARIANT: both
	/// refer into a node of the tree, valid until the tree changes.
	struct Entry {
		/// The key.
		const K &key;
		/// The value.
		V &value;
	};
	/// A key and its value, read-only, as iteration over a const tree yields them.
	struct ConstEntry {
		/// The key.
		const K &key;
		/// The value.
		const V &value;
	};

	constexpr RBTree() : root_{nullptr}, len_(0) {}
	/// Takes over other's nodes; other is left empty.
	RBTree(RBTree &&other) : root_(std::exchange(other.root_, {nullptr})), len_(std::exchange(other.len_, 0)) {}
	RBTree(const RBTree &) = delete;
	RBTree &operator=(const RBTree &) = delete;
	RBTree &operator=(RBTree &&) = delete;
	~RBTree() { clear(); }

	/// Allocates the memory for one node: the only allocation an insert
	/// needs.  Make it where the flags are allowed (GFP_KERNEL: may sleep).
	[[nodiscard]] static Result<ReservedNode> try_reserve_node(Gfp flags)
	{
		void *memory = TRY(A::template allocate<alignof(Node)>(sizeof(Node), flags));
		return ReservedNode(memory);
	}

	/// Links a node holding 'key' and 'value', built in 'reserved' (which
	/// is consumed).  Never allocates, never fails.  If 'key' was present,
	/// its old node is unlinked and returned.
	[[gnu::always_inline]] Option<OwnedNode> insert(ReservedNode reserved, K key, V value)
	{
		return insert_at(reserved.take(), std::move(key), std::move(value));
	}

	/// Allocates and inserts in one step (a sleeping context, or flags
	/// that allow this context).
	[[nodiscard]] Result<Option<OwnedNode>> try_insert(K key, V value, Gfp flags)
	{
		ReservedNode reserved = TRY(try_reserve_node(flags));
		return insert(std::move(reserved), std::move(key), std::move(value));
	}

	/// The value of 'key', or nullptr if the tree has none.
	[[nodiscard]] V *find(const K &key)
	{
		Node *n = lookup(key);
		return n ? &n->value : nullptr;
	}
	/// The value of 'key', or nullptr if the tree has none (const).
	[[nodiscard]] const V *find(const K &key) const
	{
		Node *n = lookup(key);
		return n ? &n->value : nullptr;
	}
	/// Whether the tree has 'key'.
	[[nodiscard]] bool contains(const K &key) const { return lookup(key) != nullptr; }

	/// The value of 'key', taken out of the tree (its node is freed);
	/// none if the key is absent.
	[[nodiscard]] Option<V> remove(const K &key)
	{
		Option<OwnedNode> node = remove_node(key);
		if (!node)
			return none;
		return std::move(*node).into_value();
	}

	/// The node of 'key', unlinked but not freed (drop it later, or reuse
	/// it with into_reservation()); none if the key is absent.
	[[nodiscard]] Option<OwnedNode> remove_node(const K &key)
	{
		Node *n = lookup(key);
		if (!n)
			return none;
		// SAFETY: n is in this tree (lookup found it in root_).
		bindings::rb_erase(n, &root_);
		--len_;
		return OwnedNode(n);
	}

	/// The number of entries.
	[[nodiscard]] unsigned long size() const { return len_; }
	/// Whether the tree has no entry.
	[[nodiscard]] bool is_empty() const { return len_ == 0; }

	/// Drops every node.
	void clear()
	{
		// SAFETY: a postorder walk visits each node after its children,
		// so freeing the current node never frees one still to visit
		// (the walk reads only the next node's links, from its parent).
		bindings::rb_node *n = bindings::rb_first_postorder(&root_);
		while (n) {
			bindings::rb_node *next = bindings::rb_next_postorder(n);
			Node *node = node_of(n);
			node->~Node();
			A::free(node); // from A, owned by this tree (INVARIANT)
			n = next;
		}
		root_.node = nullptr;
		len_ = 0;
	}

	/// INVARIANT: node_ is null (the end) or a node of a tree that has not
	/// changed since the iterator was made.
	template <bool Const> class Iterator {
	public:
		/// What the iterator yields: an Entry (a ConstEntry for a const tree).
		using Item = std::conditional_t<Const, ConstEntry, Entry>;
		/// An iterator at node 'n' (nullptr: the end).
		explicit Iterator(const bindings::rb_node *n) : node_(n) {}
		/// The entry at this position.
		Item operator*() const
		{
			Node *n = node_of(node_);
			return Item{n->key, n->value};
		}
		/// Moves to the next key in order.
		Iterator &operator++()
		{
			// SAFETY: node_ is a node of the live tree.
			node_ = bindings::rb_next(node_);
			return *this;
		}
		/// Equal at the same node.
		friend bool operator==(const Iterator &, const Iterator &) = default;

	private:
		const bindings::rb_node *node_;
	};

	/// In ascending key order.  The tree must not change during the loop.
	Iterator<false> begin()
	{
		// SAFETY: root_ is a valid tree (INVARIANT).
		return Iterator<false>(bindings::rb_first(&root_));
	}
	/// Past the last entry.
	Iterator<false> end() { return Iterator<false>(nullptr); }
	/// In ascending key order (const).
	Iterator<true> begin() const
	{
		// SAFETY: as for begin().
		return Iterator<true>(bindings::rb_first(&root_));
	}
	/// Past the last entry (const).
	Iterator<true> end() const { return Iterator<true>(nullptr); }

	/// @{
	/// The smallest and largest key, or null when empty.
	[[nodiscard]] const K *first_key() const
	{
		// SAFETY: root_ is a valid tree (INVARIANT).
		const bindings::rb_node *n = bindings::rb_first(&root_);
		return n ? &node_of(n)->key : nullptr;
	}
	[[nodiscard]] const K *last_key() const
	{
		// SAFETY: root_ is a valid tree (INVARIANT).
		const bindings::rb_node *n = bindings::rb_last(&root_);
		return n ? &node_of(n)->key : nullptr;
	}
	/// @}

private:
	Node *lookup(const K &key) const
	{
		bindings::rb_node *n = root_.node;
		while (n) {
			Node *node = node_of(n);
			if (key < node->key)
				n = n->rb_left;
			else if (node->key < key)
				n = n->rb_right;
			else
				return node;
		}
		return nullptr;
	}

	Option<OwnedNode> insert_at(void *memory, K &&key, V &&value)
	{
		bindings::rb_node **link = &root_.node;
		bindings::rb_node *parent = nullptr;
		Node *replaced = nullptr;
		while (*link) {
			parent = *link;
			Node *node = node_of(parent);
			if (key < node->key) {
				link = &parent->rb_left;
			} else if (node->key < key) {
				link = &parent->rb_right;
			} else {
				replaced = node;
				break;
			}
		}
		// SAFETY: memory is a reservation's, sized and aligned for a
		// Node, holding nothing (ReservedNode INVARIANT).
		Node *fresh = ::new (memory) Node(std::move(key), std::move(value));
		if (replaced) {
			// SAFETY: replaced is in this tree; fresh takes over
			// its position and colour.
			bindings::rb_replace_node(replaced, fresh, &root_);
			return OwnedNode(replaced);
		}
		// rb_link_node (a static inline): parent, no children, linked
		// at the free slot the search ended on.
		fresh->parent_color = reinterpret_cast<unsigned long>(parent);
		fresh->rb_left = fresh->rb_right = nullptr;
		*link = fresh;
		// SAFETY: fresh was just linked as a leaf of root_; rebalance.
		bindings::rb_insert_color(fresh, &root_);
		++len_;
		return none;
	}

	bindings::rb_root root_;
	unsigned long len_;
};

} // namespace kcxx
