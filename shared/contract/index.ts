export * from './records';
export * from './api';
export * from './desk-bridge';
