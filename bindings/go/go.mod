module example.com/libsmtpreply

go 1.19
