/* SPDX-License-Identifier: MIT */
/* Imports a function no host provides: instantiation must fail naming it. */
__attribute__((import_module("env"), import_name("mystery_function"))) int mystery_function(int);

int main(void)
{
	return mystery_function(1);
}
