/*
 * HTML report escaping: source text and messages are escaped, never markup.
 * A comment with <script>document.title = "pwned & owned"</script> in it.
 */
#include <linux/of_platform.h>

int esc_probe(struct device_node *np, int mode);
int esc_probe(struct device_node *np, int mode)
{
	struct platform_device *pdev;
	const char *tag = "";

	/* expect: device-lookup-put */
	pdev = of_find_device_by_node(np);
	if (!pdev)
		return -ENODEV;
	if (mode & 1) {	/* <b>not bold</b> &amp; leaks */
		tag = "<script>document.title = 'pwned'</script> & </td></table>";
		goto out;
	}
	put_device(&pdev->dev);
out:
	return tag[0];
}
