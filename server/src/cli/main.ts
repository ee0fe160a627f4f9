/** Entry point of the `vedetta` command line. Placeholder until the foundation lands. */
console.log('vedetta: not yet implemented');
