/* An app with a compile error: ecc must show clang's message. */
int main(void)
{
	return this_is_not_declared;
}
