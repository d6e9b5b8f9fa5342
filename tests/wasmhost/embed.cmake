# Write a C header holding a file's bytes:
#   cmake -DIN=file -DOUT=header.h -DNAME=symbol -P embed.cmake
# gives `static const unsigned char NAME[]` and `NAME_len`.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n\t" body "${body}")
file(WRITE ${OUT} "/* generated from ${IN}, do not edit */\n"
  "static const unsigned char ${NAME}[] __attribute__((aligned(8))) = {\n\t${body}\n};\n"
  "static const unsigned int ${NAME}_len = ${len};\n")
