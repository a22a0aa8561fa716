from orgdocs.cli import main

main()
