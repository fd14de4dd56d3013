# The size parameter of the slab allocator as a wrong (or outdated) header
# might declare it: C++ still compiles against it, the C check must not.
s/^\(void \*__kmalloc[a-z_]*\)(kcxx_size_t size, kcxx_gfp_t flags);/\1(unsigned int size, kcxx_gfp_t flags);/
