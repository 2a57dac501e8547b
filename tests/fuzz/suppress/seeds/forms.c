int a; /* iommu-lint: ignore device-lookup-put,register-unwind -- probe owns it */
/* iommu-lint: ignore of-xlate-presence */
int b;
// iommu-lint: ignore x -- y
"/* iommu-lint: ignore a -- in a string */"
