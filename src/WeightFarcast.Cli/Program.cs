// Wiring only; commands are added by the CLI work.
return 0;
