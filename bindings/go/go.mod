module github.com/libsmtpreply/libsmtpreply/bindings/go

go 1.19
