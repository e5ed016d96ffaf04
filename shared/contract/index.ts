export * from './records';
export * from './api';
