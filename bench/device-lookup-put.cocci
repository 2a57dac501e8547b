// device-lookup-put.cocci - the benchmark's Coccinelle row: a platform
// device found with of_find_device_by_node() holds a reference that must be
// dropped (put_device(&pdev->dev) or platform_device_put(pdev)) on every
// path that does not hand it on; report the lookup and the return that
// leaks it.  One semantic patch, the same question iommu-lint's
// device-lookup-put rule answers, so the timings compare like with like.

@leak exists@
identifier pdev;
expression np, e;
position lookup, ret;
@@
(
pdev = of_find_device_by_node@lookup(np);
|
struct platform_device *pdev = of_find_device_by_node@lookup(np);
)
... when != put_device(&pdev->dev)
    when != platform_device_put(pdev)
    when != e = pdev
    when != return pdev;
return@ret ...;

@script:python depends on leak@
lookup << leak.lookup;
ret << leak.ret;
@@
print("%s:%s:%s: warning: of_find_device_by_node() result not put on the return at line %s [device-lookup-put]"
      % (lookup[0].file, lookup[0].line, int(lookup[0].column) + 1, ret[0].line))
