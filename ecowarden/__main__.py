from ecowarden.cli import main

main()
